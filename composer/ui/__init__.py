"""The desktop window (Qt). Thin: it shows the report and the core's findings and pushes edits."""
