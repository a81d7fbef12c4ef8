#!/usr/bin/env python3
"""Compares the live Java threads of two applications from their `jcmd PID Thread.print`.

    thread_diff.py WITHOUT.txt WITHOUT_PORT WITH.txt WITH_PORT SUMMARY

The JIT's compiler threads are left out: the JVM adds and removes them as it compiles, so
their number says nothing about the starter. The server port in thread names
(http-nio-127.0.0.1-8080-exec-1) is replaced by PORT so that the two applications compare.
Prints the threads only one of them has; writes shell assignments to SUMMARY for footprint.sh.
"""
import collections
import re
import shlex
import sys

# A Java thread's header: "name" #12 daemon prio=5 ...; the JVM's own threads have no #number.
JAVA_THREAD = re.compile(r'^"(.*)" #\d+ ')
JIT = re.compile(r"^C[12] CompilerThread\d+$")


def threads(dump, port):
    names = collections.Counter()
    with open(dump, encoding="utf-8") as lines:
        for line in lines:
            match = JAVA_THREAD.match(line)
            if match and not JIT.match(match.group(1)):
                names[match.group(1).replace(f"-{port}-", "-PORT-")] += 1
    return names


def main():
    without_dump, without_port, with_dump, with_port, summary = sys.argv[1:6]
    without, with_starter = threads(without_dump, without_port), threads(with_dump, with_port)
    added = sorted((with_starter - without).elements())
    removed = sorted((without - with_starter).elements())
    for name in added:
        print(f"  + {name}")
    for name in removed:
        print(f"  - {name}  (only without the starter)")
    figures = {
        "threads_without": sum(without.values()),
        "threads_with": sum(with_starter.values()),
        "threads_added_names": ", ".join(added) or "none",
        "threads_removed_names": ", ".join(removed) or "none",
    }
    with open(summary, "w", encoding="utf-8") as out:
        for key, value in figures.items():
            out.write(f"{key}={shlex.quote(str(value))}\n")


if __name__ == "__main__":
    main()
