"""Smoke test of the packaged program, run before every release (Linux).

    python packaging/smoke_test.py                 # build dist/composer/ first, then test it
    python packaging/smoke_test.py --reuse         # test the existing dist/composer/
    python packaging/smoke_test.py --reuse --deb dist/nianbao-composer_0.1.0_amd64.deb
                                                   # also install the .deb with dpkg (root), test
                                                   # /usr/bin/composer, then remove the package

Everything runs from the bundle alone: an environment without the virtualenv (no VIRTUAL_ENV,
no PYTHON*, PATH=/usr/bin:/bin), a temporary HOME and working directory. Checked: --version,
import of a real sample, check, render (DOCX, HTML and, with LibreOffice present, PDF),
carry-forward, a Chinese message for a missing file, and the main window staying up on a sample
without a traceback (offscreen, and on a real X server under Xvfb when xvfb-run is installed).
Exit code 0 when all passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from composer import __version__  # noqa: E402

SAMPLE_NAME = "xingfu-2023"
WINDOW_SECONDS = 5


def samples_dir() -> Path:
    return ROOT / "tests" / "fixtures" / "samples"


class Smoke:
    def __init__(self, exe: Path, work: Path):
        self.exe, self.work = exe, work
        self.failures: list[str] = []
        home = work / "home"
        home.mkdir()
        self.env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                    "XDG_RUNTIME_DIR": str(home)}

    def run(self, *args: str, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe), *args], cwd=self.work, env={**self.env, **(env or {})},
                              capture_output=True, text=True, timeout=timeout)

    def expect(self, name: str, ok: bool, detail: str = "") -> bool:
        print(f"{'通过' if ok else '失败'}  {name}{'' if ok else '：' + detail.strip()[-2000:]}", flush=True)
        if not ok:
            self.failures.append(name)
        return ok

    def cli(self) -> None:
        r = self.run("--version")
        self.expect("--version", r.returncode == 0 and __version__ in r.stdout, r.stdout + r.stderr)

        samples = samples_dir()
        expected = json.loads((samples / f"{SAMPLE_NAME}.expected.json").read_text(encoding="utf-8"))
        docx = self.work / f"{SAMPLE_NAME}.docx"
        shutil.copyfile(samples / docx.name, docx)
        out = self.work / "imported.json"
        r = self.run("import", str(docx), "-o", str(out))
        ok = r.returncode == 0 and out.is_file()
        if ok:
            got = json.loads(out.read_text(encoding="utf-8"))
            # The importer's accuracy is its own tests' business; here: it ran and read the year.
            ok = got.get("year") == expected.get("year") and isinstance(got.get("tables"), dict)
        self.expect("import 样例 DOCX → JSON", ok, r.stdout + r.stderr)
        report = out if out.is_file() else samples / f"{SAMPLE_NAME}.expected.json"

        r = self.run("check", str(report))
        self.expect("check", r.returncode in (0, 1) and "共" in r.stdout and "Traceback" not in r.stderr,
                    r.stdout + r.stderr)
        r = self.run("check", str(report), "--json")
        try:
            findings_ok = isinstance(json.loads(r.stdout).get("findings"), list)
        except ValueError:
            findings_ok = False
        self.expect("check --json", r.returncode in (0, 1) and findings_ok, r.stdout + r.stderr)

        for suffix in (".docx", ".html", ".pdf"):
            if suffix == ".pdf" and not (shutil.which("soffice") or shutil.which("libreoffice")):
                print("跳过  render PDF：未安装 LibreOffice")
                continue
            target = self.work / f"report{suffix}"
            r = self.run("render", str(report), "-o", str(target))
            self.expect(f"render {suffix}", r.returncode == 0 and _looks_like(target), r.stdout + r.stderr)

        draft = self.work / "draft.json"
        r = self.run("carry-forward", str(report), "-o", str(draft))
        self.expect("carry-forward", r.returncode == 0 and draft.is_file(), r.stdout + r.stderr)

        r = self.run("check", str(self.work / "没有这个文件.json"))
        self.expect("缺少文件时给出中文说明", r.returncode == 2 and "Traceback" not in r.stderr
                    and any("\u4e00" <= ch <= "\u9fff" for ch in r.stderr), r.stderr)

    def window(self, report: Path) -> None:
        """The main window opens the sample, stays up WINDOW_SECONDS and prints no traceback.

        Offscreen it can only be seen staying up; on a real X server (Xvfb) the visible window
        of the process is also found by xdotool and its title must name the file it opened.
        """
        self._window_offscreen(report)
        if not (shutil.which("xvfb-run") and shutil.which("xdotool")):
            print("跳过  主窗口（xcb）：未安装 xvfb-run 或 xdotool")
            return
        self._window_on_x(report, "主窗口（Xvfb，xcb 插件）", {})
        # As on a UOS/Kylin desktop whose input method is fcitx (the entry switches to ibus).
        self._window_on_x(report, "主窗口（Xvfb，输入法 fcitx）", {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"})

    def _window_offscreen(self, report: Path) -> None:
        command = ["timeout", "--preserve-status", "-s", "TERM", str(WINDOW_SECONDS), str(self.exe), str(report)]
        r = subprocess.run(command, cwd=self.work, env={**self.env, "QT_QPA_PLATFORM": "offscreen"},
                           capture_output=True, text=True, timeout=WINDOW_SECONDS + 60)
        alive = r.returncode in (143, -15)  # still running when TERM came after WINDOW_SECONDS
        self.expect("主窗口（offscreen）", alive and not _problems(r.stderr), f"退出码 {r.returncode}\n{r.stderr}")

    def _window_on_x(self, report: Path, name: str, env: dict) -> None:
        script = self.work / "window.sh"
        script.write_text(
            '"$1" "$2" & pid=$!\n'
            f"sleep {WINDOW_SECONDS}\n"
            "kill -0 $pid && echo ALIVE\n"
            'for id in $(xdotool search --onlyvisible --pid $pid); do echo "WINDOW $(xdotool getwindowname $id)"; done\n'
            "kill $pid; wait $pid\n", encoding="utf-8")
        r = subprocess.run(["xvfb-run", "-a", "sh", str(script), str(self.exe), str(report)], cwd=self.work,
                           env={**self.env, "QT_QPA_PLATFORM": "xcb", **env}, capture_output=True, text=True,
                           timeout=WINDOW_SECONDS + 60)
        lines = r.stdout.splitlines()
        titles = [line.removeprefix("WINDOW ") for line in lines if line.startswith("WINDOW ")]
        ok = "ALIVE" in lines and any(report.name in t for t in titles) and not _problems(r.stderr)
        self.expect(name, ok, f"窗口：{titles}\n{r.stderr}")

    def deb(self, package: Path) -> None:
        """Install the .deb with dpkg, run /usr/bin/composer, remove the package again."""
        if os.geteuid() != 0:
            print("跳过  .deb 安装：需要 root")
            return
        name = subprocess.run(["dpkg-deb", "-f", str(package), "Package"], capture_output=True,
                              text=True, check=True).stdout.strip()
        r = subprocess.run(["dpkg", "-i", str(package)], capture_output=True, text=True)
        if not self.expect("dpkg -i", r.returncode == 0, r.stdout + r.stderr):
            return
        try:
            (self.work / "deb").mkdir(exist_ok=True)
            installed = Smoke(Path("/usr/bin/composer"), self.work / "deb")
            r = installed.run("--version")
            self.expect("/usr/bin/composer --version", r.returncode == 0 and __version__ in r.stdout,
                        r.stdout + r.stderr)
            for path in ("/usr/share/applications/nianbao-composer.desktop",
                         "/usr/share/mime/packages/nianbao-composer.xml",
                         "/usr/share/icons/hicolor/256x256/apps/nianbao-composer.png"):
                self.expect(f"已安装 {path}", Path(path).is_file())
            if shutil.which("xdg-mime"):
                r = subprocess.run(["xdg-mime", "query", "filetype", str(self._project_file())],
                                   capture_output=True, text=True)
                self.expect(".nianbao 的 MIME 类型", "application/x-nianbao" in r.stdout, r.stdout + r.stderr)
            installed.window(self._project_file())
            self.failures += installed.failures
        finally:
            r = subprocess.run(["dpkg", "-r", name], capture_output=True, text=True)
            self.expect("dpkg -r", r.returncode == 0 and not Path("/opt/composer").exists(),
                        r.stdout + r.stderr)

    def _project_file(self) -> Path:
        target = self.work / "样例.nianbao"
        if not target.exists():
            # Dated this calendar year: the window offers a new year's draft (a modal question)
            # for a report older than the year it takes as current, and would not open it.
            sample = json.loads((samples_dir() / f"{SAMPLE_NAME}.expected.json").read_text(encoding="utf-8"))
            sample["year"] = date.today().year
            target.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
        return target


def _problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "Traceback" in line or "Could not load the Qt platform plugin" in line
            or "cannot open shared object" in line]


def _looks_like(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    head = path.read_bytes()[:5]
    if path.suffix == ".docx":
        return zipfile.is_zipfile(path) and "word/document.xml" in zipfile.ZipFile(path).namelist()
    if path.suffix == ".pdf":
        return head == b"%PDF-"
    return "<html" in path.read_text(encoding="utf-8", errors="replace")[:2000].lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="打包后程序的冒烟测试（Linux）")
    parser.add_argument("--reuse", action="store_true", help="不重新打包，测试已有的 dist/composer")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "composer", help="要测试的打包目录")
    parser.add_argument("--deb", type=Path, help="同时用 dpkg 安装这个 .deb 并测试，然后卸载（需要 root）")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        raise SystemExit("冒烟测试只在 Linux 上运行；Windows 上的检查见 packaging/README.md")
    if not args.reuse:
        subprocess.run([sys.executable, str(HERE / "build.py"), "--no-archive", "--no-deb"], check=True)
    exe = args.bundle / "composer"
    if not exe.is_file():
        raise SystemExit(f"没有 {exe}：先运行 python packaging/build.py")
    with tempfile.TemporaryDirectory(prefix="composer-smoke-") as work:
        smoke = Smoke(exe.resolve(), Path(work))
        smoke.cli()
        smoke.window(smoke._project_file())
        if args.deb:
            smoke.deb(args.deb.resolve())
    if smoke.failures:
        print(f"冒烟测试失败：{len(smoke.failures)} 项（{'、'.join(smoke.failures)}）")
        return 1
    print("冒烟测试全部通过")
    return 0


if __name__ == "__main__":
    sys.exit(main())
