#!/usr/bin/env python3
"""Compares the runtime jars of two repackaged Spring Boot applications (their BOOT-INF/lib),
naming each jar by its Maven coordinates from `mvn dependency:list
-DoutputAbsoluteArtifactFilename=true` output.

    jar_diff.py WITHOUT.jar WITHOUT-deps.txt WITH.jar WITH-deps.txt SUMMARY LIST

Writes to LIST, as Markdown, the jars only the second application has, biggest first, and those
only the first has; writes shell assignments (bytes, counts, Netty artifacts, bytes by group)
to SUMMARY for footprint.sh.
"""
import collections
import re
import shlex
import sys
import zipfile

# group:artifact:type[:classifier]:version:scope:/absolute/path[ -- module ...]
DEPENDENCY = re.compile(r"^\s*([^:\s]+):([^:]+):([^:]+):(?:([^:]+):)?([^:]+):(\w+):(/\S+)")


def libs(jar):
    """File name -> size of every jar in the application's BOOT-INF/lib."""
    with zipfile.ZipFile(jar) as archive:
        return {entry.filename.rsplit("/", 1)[1]: entry.file_size for entry in archive.infolist()
                if entry.filename.startswith("BOOT-INF/lib/") and entry.filename.endswith(".jar")}


def coordinates(listing):
    """File name -> group:artifact:version[:classifier] of every resolved dependency."""
    names = {}
    with open(listing, encoding="utf-8") as lines:
        for line in lines:
            match = DEPENDENCY.match(line)
            if match:
                group, artifact, _, classifier, version, _, path = match.groups()
                names[path.rsplit("/", 1)[1]] = ":".join(
                    part for part in (group, artifact, version, classifier) if part)
    return names


def main():
    without_jar, without_deps, with_jar, with_deps, summary, listing = sys.argv[1:7]
    without, with_starter = libs(without_jar), libs(with_jar)
    names = {**coordinates(without_deps), **coordinates(with_deps)}
    # A jar the plugin adds itself (spring-boot-jarmode-tools) is in both and cancels out.
    name = lambda file: names.get(file, "?:" + file)
    added = sorted((f for f in with_starter if f not in without), key=lambda f: (-with_starter[f], f))
    removed = sorted(f for f in without if f not in with_starter)
    netty = [f for f in added if name(f).startswith("io.netty:")]
    groups = collections.defaultdict(lambda: [0, 0])
    for file in added:
        group = groups[name(file).split(":", 1)[0]]
        group[0] += with_starter[file]
        group[1] += 1
    with open(listing, "w", encoding="utf-8") as out:
        out.write("| added | MB | artifact |\n|---|---|---|\n")
        for file in added:
            out.write(f"| + | {with_starter[file] / 1048576:.2f} | {name(file)} |\n")
        for file in removed:
            out.write(f"| - (only without the starter) | {without[file] / 1048576:.2f} | {name(file)} |\n")
    figures = {
        "jars_without_bytes": sum(without.values()),
        "jars_with_bytes": sum(with_starter.values()),
        "jars_added_bytes": sum(with_starter.values()) - sum(without.values()),
        "jars_added_count": len(added),
        "jars_removed_count": len(removed),
        "jars_netty_count": len(netty),
        "jars_netty_bytes": sum(with_starter[f] for f in netty),
        "jars_by_group": ", ".join(f"{group} {size / 1048576:.2f} MB ({count})" for group, (size, count)
                                   in sorted(groups.items(), key=lambda item: -item[1][0])),
    }
    with open(summary, "w", encoding="utf-8") as out:
        for key, value in figures.items():
            out.write(f"{key}={shlex.quote(str(value))}\n")


if __name__ == "__main__":
    main()
