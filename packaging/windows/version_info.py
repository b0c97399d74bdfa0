"""The Windows version resource of composer.exe (Explorer → 属性 → 详细信息), from composer.__version__.

PyInstaller reads this text (a VSVersionInfo expression) through the spec's `version=` argument.
"""

from __future__ import annotations

import re

COMPANY = "年报编制器项目组"
PRODUCT = "年报编制器"
DESCRIPTION = "年报编制器：政府信息公开工作年度报告的编制与校验"
COPYRIGHT = "© 2026 年报编制器项目组"
# 0x0804 Simplified Chinese (PRC), code page 1200 (Unicode).
LANGUAGE, CODEPAGE = 0x0804, 1200


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0); a pre-release suffix ('0.2.0rc1', '0.2.0.dev3') is dropped."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version.strip())
    if not match:
        raise ValueError(f"版本号格式不对：{version!r}（应为 主.次.修订，如 0.1.0）")
    parts = tuple(int(p) if p is not None else 0 for p in match.groups())
    if any(p > 0xFFFF for p in parts):
        raise ValueError(f"版本号的每一段不能超过 65535：{version!r}")
    return parts  # type: ignore[return-value]


def version_info_text(version: str, exe_name: str = "composer.exe") -> str:
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    block = f"{LANGUAGE:04X}{CODEPAGE:04X}"
    strings = [
        ("CompanyName", COMPANY),
        ("FileDescription", DESCRIPTION),
        ("FileVersion", dotted),
        ("InternalName", exe_name.removesuffix(".exe")),
        ("LegalCopyright", COPYRIGHT),
        ("OriginalFilename", exe_name),
        ("ProductName", PRODUCT),
        ("ProductVersion", version),
    ]
    string_structs = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        {block!r},
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE:#06x}, {CODEPAGE}])])
  ]
)
"""
