#!/usr/bin/env python3
"""Opens every .nupkg in a folder and checks what a package page and a package user need: the expected packages are
all there; each has the icon (a PNG), its own README (with the install command, only absolute links), the MIT licence
expression, project and repository metadata, and XML documentation next to every library assembly; the tool package
is a .NET 10 RID-specific tool: the pointer package CompositeIndex.Cli names CompositeIndex.Cli.any (framework-dependent
compindex.dll) and CompositeIndex.Cli.linux-x64 (the Native AOT executable, packed where the SDK runs on linux-x64), and
both are in the feed. Prints one line per failed check and a final "package checks: N passed, N failed".
Usage: check-packages.py FEED_FOLDER"""
import platform, re, sys, zipfile, pathlib
import xml.etree.ElementTree as ET

EXPECTED = {"CompositeIndex", "CompositeIndex.Reporting", "CompositeIndex.Interactive", "CompositeIndex.Cli", "CompositeIndex.Excel", "CompositeIndex.DataFrame", "CompositeIndex.Parquet"}
# The tool's RID packages: "any" everywhere, the Native AOT linux-x64 one where it can be compiled (a linux-x64 host).
TOOL_RIDS = {"any"} | ({"linux-x64"} if sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64") else set())
EXPECTED |= {f"CompositeIndex.Cli.{rid}" for rid in TOOL_RIDS}
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
        version = get("version")
        tag = f"{pid}:"
        tool_rid = pid[len("CompositeIndex.Cli."):] if pid.startswith("CompositeIndex.Cli.") else None
        title = "CompositeIndex.Cli" if tool_rid else pid
        icon = get("icon")
        check(icon == "icon.png" and "icon.png" in names, f"{tag} icon.png declared and packed")
        if "icon.png" in names:
            check(z.read("icon.png")[:8] == b"\x89PNG\r\n\x1a\n", f"{tag} icon.png is a PNG")
        readme = get("readme")
        check(readme == "README.md" and "README.md" in names, f"{tag} README.md declared and packed")
        if "README.md" in names:
            text = z.read("README.md").decode("utf-8")
            check(text.startswith(f"# {title}"), f"{tag} the README is the package's own (starts with '# {title}')")
            install = "dotnet tool install --global CompositeIndex.Cli" if title == "CompositeIndex.Cli" else f"dotnet add package {pid}"
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
        types = [t.get("name") for t in md.iterfind("n:packageTypes/n:packageType", ns)]
        settings = [n for n in names if n.startswith("tools/") and n.endswith("/DotnetToolSettings.xml")]
        tool = ET.fromstring(z.read(settings[0])) if len(settings) == 1 else None
        if pid == "CompositeIndex.Cli":
            # The pointer: no implementation, one settings file naming a package per RID of the same version.
            check(types == ["DotnetTool"], f"{tag} package type DotnetTool (found {types})")
            check(tool is not None, f"{tag} one DotnetToolSettings.xml (found {settings})")
            check(not any(n.startswith("tools/") and not n.endswith("DotnetToolSettings.xml") for n in names), f"{tag} a pointer package (no tool files)")
            if tool is not None:
                # A RID package without a Version attribute is taken at the pointer's own version.
                rids = {e.get("RuntimeIdentifier"): (e.get("Id"), e.get("Version") or version) for e in tool.iter() if e.tag.endswith("RuntimeIdentifierPackage")}
                check(rids == {r: (f"CompositeIndex.Cli.{r}", version) for r in ("any", "linux-x64")},
                      f"{tag} RID packages any and linux-x64 of version {version} (found {rids})")
                pointed = {f"CompositeIndex.Cli.{r}" for r in TOOL_RIDS}
                check(all((feed / f"{i}.{version}.nupkg").exists() for i in pointed), f"{tag} the feed holds {sorted(pointed)} {version}")
                command = next((e for e in tool.iter() if e.tag.endswith("Command")), None)
                check(command is not None and command.get("Name") == "compindex", f"{tag} the command is compindex")
        elif tool_rid is not None:
            check(types == ["DotnetToolRidPackage"], f"{tag} package type DotnetToolRidPackage (found {types})")
            check(tool is not None, f"{tag} one DotnetToolSettings.xml (found {settings})")
            command = next((e for e in tool.iter() if e.tag.endswith("Command")), None) if tool is not None else None
            check(command is not None and command.get("Name") == "compindex", f"{tag} the command is compindex")
            if tool_rid == "any":
                check("tools/net10.0/any/compindex.dll" in names, f"{tag} tools/net10.0/any/compindex.dll (framework-dependent)")
                check(command is not None and command.get("Runner") == "dotnet", f"{tag} runner dotnet")
            else:
                exe = f"tools/any/{tool_rid}/compindex"
                check(exe in names, f"{tag} {exe} (Native AOT executable)")
                if exe in names:
                    head = z.read(exe)[:20]
                    check(head[:4] == b"\x7fELF" and head[18:20] == b"\x3e\x00", f"{tag} {exe} is an x86-64 ELF executable")
                check(not any(n.endswith("/compindex.dll") for n in names), f"{tag} no compindex.dll (native, not JIT)")
                check(command is not None and command.get("Runner") == "executable", f"{tag} runner executable")
        else:
            check(len(dlls) > 0, f"{tag} has a library under lib/")
            for d in dlls:
                check(d[:-4] + ".xml" in names, f"{tag} XML documentation for {d}")

check(set(ids) == EXPECTED, f"the packages are exactly {sorted(EXPECTED)} (found {sorted(ids)})")
print(f"package checks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
