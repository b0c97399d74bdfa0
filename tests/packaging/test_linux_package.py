"""The .deb's metadata (desktop entry, MIME type, control file) and the package built from a
small stand-in bundle with the real dpkg-deb."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import deb
import pytest

from composer import __version__

LINUX = deb.LINUX
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{deb.PACKAGE}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type() -> ET.Element:
    root = ET.parse(LINUX / f"{deb.PACKAGE}.xml").getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    return mime


def test_desktop_entry_starts_the_installed_program_on_a_file():
    entry = _desktop()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "年报编制器"
    assert entry["Exec"] == f"/{deb.INSTALL_DIR}/composer %f"
    assert entry["Icon"] == deb.PACKAGE
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")


def test_desktop_entry_and_mime_type_name_the_same_type():
    mime = _mime_type()
    assert mime.get("type") == "application/x-nianbao"
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.nianbao"]
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text
                for c in mime.findall(f"{MIME_NS}comment")}
    assert comments["zh_CN"] == "年报编制器项目文件"
    assert _desktop()["MimeType"].split(";")[:-1] == [mime.get("type")]
    assert mime.find(f"{MIME_NS}icon").get("name") == "application-x-nianbao"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) is not installed")
def test_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{deb.PACKAGE}.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("version, expected", [
    ("0.1.0", "0.1.0"), ("0.2.0rc1", "0.2.0~rc1"), ("1.0.0.dev3", "1.0.0~dev3"), ("2.1b2", "2.1~b2")])
def test_debian_version(version, expected):
    assert deb.debian_version(version) == expected


def test_debian_version_refuses_nonsense():
    with pytest.raises(ValueError, match="版本号"):
        deb.debian_version("latest")


def test_control_file_fields():
    text = deb.control_text("0.1.0", "amd64", 123456, ["libc6 (>= 2.35)", "libxcb1"])
    lines = text.rstrip("\n").split("\n")
    assert "" not in lines  # a blank line would end the paragraph
    fields = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines if not line.startswith(" ")}
    assert fields["Package"] == "nianbao-composer"
    assert fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "123456"
    assert fields["Depends"] == "libc6 (>= 2.35), libxcb1"
    assert fields["Conflicts"] == "composer"  # PHP's composer owns /usr/bin/composer too
    assert "<" in fields["Maintainer"] and ">" in fields["Maintainer"]
    description = lines[lines.index(next(line for line in lines if line.startswith("Description:"))) + 1:]
    assert description and all(line.startswith(" ") for line in description)


@pytest.fixture
def stand_in_bundle(tmp_path) -> Path:
    """A small folder shaped like dist/composer (the real one takes a PyInstaller run)."""
    bundle = tmp_path / "composer"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    exe = bundle / "composer"
    exe.write_text("#!/bin/sh\necho stand-in\n")
    exe.chmod(0o755)
    (bundle / "_internal" / "resources" / "icon.png").write_bytes(b"\x89PNG")
    (bundle / "_internal" / "libfoo.so.1").symlink_to("resources/icon.png")
    return bundle


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_deb_holds_program_command_desktop_entry_mime_and_icons(stand_in_bundle, tmp_path):
    package = deb.build_deb(stand_in_bundle, tmp_path / "out", __version__, ["libc6 (>= 2.35)"],
                            tmp_path / "work")
    assert package.name == f"nianbao-composer_{deb.debian_version(__version__)}_amd64.deb"

    def field(name):
        return subprocess.run(["dpkg-deb", "-f", str(package), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Package") == "nianbao-composer"
    assert field("Version") == deb.debian_version(__version__)
    assert field("Depends") == "libc6 (>= 2.35)"
    listing = subprocess.run(["dpkg-deb", "-c", str(package)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    entries = {line.split()[5].rstrip("/") if len(line.split()) > 5 else "": line for line in listing}
    for path in ("./opt/composer/composer", "./usr/share/applications/nianbao-composer.desktop",
                 "./usr/share/mime/packages/nianbao-composer.xml",
                 "./usr/share/icons/hicolor/256x256/apps/nianbao-composer.png",
                 "./usr/share/icons/hicolor/scalable/apps/nianbao-composer.svg",
                 "./usr/share/icons/hicolor/256x256/mimetypes/application-x-nianbao.png"):
        assert path in entries, path
    assert entries["./opt/composer/composer"].startswith("-rwxr-xr-x root/root")
    assert entries["./usr/share/applications/nianbao-composer.desktop"].startswith("-rw-r--r-- root/root")
    assert entries["./usr/bin/composer"].startswith("lrwxrwxrwx")
    assert entries["./usr/bin/composer"].endswith("-> /opt/composer/composer")
    assert entries["./opt/composer/_internal/libfoo.so.1"].endswith("-> resources/icon.png")

    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(package), str(unpacked)], check=True)
    result = subprocess.run([str(unpacked / "opt/composer/composer")], capture_output=True, text=True)
    assert result.stdout.strip() == "stand-in"
    assert (unpacked / "usr/share/icons/hicolor/256x256/apps/nianbao-composer.png").read_bytes() == \
        (deb.RESOURCES / "icon.png").read_bytes()


def test_external_libraries_are_those_the_bundle_lacks(tmp_path):
    shutil.copyfile("/bin/ls", tmp_path / "ls")
    from elf_info import needed_libraries

    needed = set(needed_libraries((tmp_path / "ls").read_bytes()))
    assert "libc.so.6" in needed
    assert deb.external_libraries(tmp_path) == needed
    lib = next(iter(needed - {"libc.so.6"}), None)
    if lib:
        (tmp_path / lib).write_bytes(b"bundled")
        assert deb.external_libraries(tmp_path) == needed - {lib}
