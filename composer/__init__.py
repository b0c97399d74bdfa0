"""composer — 年报编制器: compose, check and render the annual government-information-disclosure report."""

__version__ = "0.1.0"
APP_NAME = "年报编制器"
