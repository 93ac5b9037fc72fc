#!/usr/bin/env python3
"""Opens every .nupkg in a folder and checks what a package page and a package user need: the expected packages are
all there; each has the icon (a PNG), its own README (with the install command, only absolute links), the MIT licence
expression, project and repository metadata, and XML documentation next to every library assembly; the tool package
holds the compindex tool. Prints one line per failed check and a final "package checks: N passed, N failed".
Usage: check-packages.py FEED_FOLDER"""
import re, sys, zipfile, pathlib
import xml.etree.ElementTree as ET

EXPECTED = {"CompositeIndex", "CompositeIndex.Reporting", "CompositeIndex.Interactive", "CompositeIndex.Cli", "CompositeIndex.Excel", "CompositeIndex.DataFrame", "CompositeIndex.Parquet"}
REPO = "https://github.com/composite-index/composite-index"
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"package check failed: {what}")

feed = pathlib.Path(sys.argv[1])
packages = sorted(p for p in feed.glob("*.nupkg") if not p.name.endswith(".snupkg"))
ids = {}
for p in packages:
    with zipfile.ZipFile(p) as z:
        names = set(z.namelist())
        nuspec_name = next(n for n in names if n.endswith(".nuspec") and "/" not in n)
        root = ET.fromstring(z.read(nuspec_name))
        ns = {"n": root.tag[1:root.tag.index("}")]} if root.tag.startswith("{") else {"n": ""}
        md = root.find("n:metadata", ns)
        get = lambda tag: (md.find(f"n:{tag}", ns).text or "").strip() if md.find(f"n:{tag}", ns) is not None else None
        pid = get("id"); ids[pid] = p.name
        tag = f"{pid}:"
        icon = get("icon")
        check(icon == "icon.png" and "icon.png" in names, f"{tag} icon.png declared and packed")
        if "icon.png" in names:
            check(z.read("icon.png")[:8] == b"\x89PNG\r\n\x1a\n", f"{tag} icon.png is a PNG")
        readme = get("readme")
        check(readme == "README.md" and "README.md" in names, f"{tag} README.md declared and packed")
        if "README.md" in names:
            text = z.read("README.md").decode("utf-8")
            check(text.startswith(f"# {pid}"), f"{tag} the README is the package's own (starts with '# {pid}')")
            install = "dotnet tool install --global CompositeIndex.Cli" if pid == "CompositeIndex.Cli" else f"dotnet add package {pid}"
            check(install in text, f"{tag} the README shows '{install}'")
            relative = [l for l in re.findall(r"\]\(([^)]*)\)", text) if not l.startswith("https://")]
            check(not relative, f"{tag} every README link is absolute (relative: {relative})")
        lic = md.find("n:license", ns)
        check(lic is not None and lic.get("type") == "expression" and lic.text == "MIT", f"{tag} licence expression MIT")
        check(get("projectUrl") == REPO, f"{tag} projectUrl {REPO}")
        repo = md.find("n:repository", ns)
        check(repo is not None and repo.get("type") == "git" and repo.get("url") == REPO, f"{tag} repository type git, url {REPO}")
        check(bool(get("description")) and bool(get("authors")), f"{tag} description and authors")
        dlls = [n for n in names if n.startswith("lib/") and n.endswith(".dll")]
        if pid == "CompositeIndex.Cli":
            check(any(n.startswith("tools/") and n.endswith("/compindex.dll") for n in names), f"{tag} tools/…/compindex.dll")
            check(any(n.endswith("DotnetToolSettings.xml") for n in names), f"{tag} DotnetToolSettings.xml")
        else:
            check(len(dlls) > 0, f"{tag} has a library under lib/")
            for d in dlls:
                check(d[:-4] + ".xml" in names, f"{tag} XML documentation for {d}")

check(set(ids) == EXPECTED, f"the packages are exactly {sorted(EXPECTED)} (found {sorted(ids)})")
print(f"package checks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
