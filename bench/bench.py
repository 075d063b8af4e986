#!/usr/bin/env python3
"""The benchmark of the loops people wait on, before and after, and the program against the anchors.

Loops, each timed end to end (wall seconds), medians of --runs interleaved runs:
  edit loop  touch BbwsTables.java; ./mvnw -q -o -B -DskipTests package; a preview of sit as Pulumi's
             Java host runs it: the SDK's plugin listing (java -cp <jar> com.pulumi.bootstrap.internal.Main
             packages), then the program (java from PATH, -jar, no arguments) under the tests' gRPC engine double.
             The JDK on PATH (a developer's default).
  CI loop    ./mvnw -q -o -B -DskipTests clean package once (a fresh checkout); the offline plan of dev, sit and prod
             (java -jar ... plan, as the workflows' plan steps); the three previews under the engine double
             (as the pulumi steps). JDK 25, as the workflows.
  program    one preview of sit under the engine double, JDK 25 as the workflows run it, against the
             Pulumi TypeScript and CDK anchors (../shared/anchors) in the same invocation.
"before" is another checkout (--before DIR, e.g. a git worktree of the commit before issue 16) built and
run the same way; the JVM options under test go to the program only (JDK_JAVA_OPTIONS in its
environment, as the workflows' pulumi steps set it), never to Maven.

Usage: python3 bench/bench.py [--runs 5] [--before DIR] [--with-tests]     (from the repository root)
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHORS = os.environ.get("BBWS_ANCHORS", os.path.join(os.path.dirname(ROOT), "shared", "anchors", "run.sh"))
JAR = "target/bbws-dynamodb.jar"
JDK25 = os.environ.get("JAVA_HOME_25", "/usr/lib/jvm/temurin-25-jdk-amd64")
STACKS = ("dev", "sit", "prod")
C1_SERIAL = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# JDK 25+: no 300 ms wait at System.exit for the SDK's gRPC threads in native code: the workflows' options
WORKFLOWS = C1_SERIAL + " -XX:UserThreadWaitAttemptsAtExit=0"
# JDK 19+: the JVM writes a class-data archive of what it loaded on exit, and uses it from the next run
# on; a changed jar makes it write a new one
AUTO_ARCHIVE = WORKFLOWS + " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=target/bbws-dynamodb.jsa"


def env_with(java_home, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}
    if java_home:
        env.update(JAVA_HOME=java_home, PATH=os.path.join(java_home, "bin") + ":" + env["PATH"])
    env.update(extra)
    return env


def run(cmd, cwd, env):
    out = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        sys.exit(f"failed in {cwd}: {' '.join(cmd)}\n{out.stderr}")


def timed(steps):
    start = time.monotonic()
    for cmd, cwd, env in steps:
        run(cmd, cwd, env)
    return time.monotonic() - start


def package(tree, java_home):
    return (["./mvnw", "-q", "-o", "-B", "-DskipTests", "package"], tree, env_with(java_home))


def clean_package(tree, java_home):
    """A CI runner starts from a fresh checkout: no target/."""
    return (["./mvnw", "-q", "-o", "-B", "-DskipTests", "clean", "package"], tree, env_with(java_home))


def preview(tree, java_home, engines, stack, options):
    """What Pulumi's Java host runs for a preview: the SDK's plugin listing, then the program."""
    extra = dict(engines[stack])
    if options:
        extra["JDK_JAVA_OPTIONS"] = options
    env = env_with(java_home, **extra)
    return [(["java", "-cp", JAR, "com.pulumi.bootstrap.internal.Main", "packages"], tree, env),
            (["java", "-jar", JAR], tree, env)]


def plan(tree, java_home, stack, options=None):
    return (["java", "-jar", JAR, "plan", "--stack", stack], tree,
            env_with(java_home, **({"JDK_JAVA_OPTIONS": options} if options else {})))


def edit_loop(tree, engines, options):
    def steps():
        os.utime(os.path.join(tree, "src/main/java/com/bbws/dynamodb/catalogue/BbwsTables.java"))
        return [package(tree, None)] + preview(tree, None, engines, "sit", options)
    return steps


def ci_loop(tree, engines, options):
    def steps():
        return ([clean_package(tree, JDK25)] + [plan(tree, JDK25, s) for s in STACKS]
                + [step for s in STACKS for step in preview(tree, JDK25, engines, s, options)])
    return steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--before", help="a checkout of the code before, measured the same way")
    p.add_argument("--with-tests", action="store_true", help="also time ./mvnw -B verify once per tree")
    a = p.parse_args()
    trees = {"after": ROOT} | ({"before": os.path.abspath(a.before)} if a.before else {})

    # the engine doubles (test scope, this tree), one per stack, serve every preview of every subject
    run(["./mvnw", "-q", "-B", "test-compile", "dependency:build-classpath",
         "-Dmdep.outputFile=target/bench-classpath.txt", "-Dmdep.includeScope=test"], ROOT, env_with(None))
    # a copy of the classes: the CI loop cleans target/
    engine_dir = tempfile.mkdtemp(prefix="bbws-bench-engine-")
    for classes in ("classes", "test-classes"):
        shutil.copytree(os.path.join(ROOT, "target", classes), os.path.join(engine_dir, classes))
    with open(os.path.join(ROOT, "target", "bench-classpath.txt")) as f:
        classpath = f"{engine_dir}/classes:{engine_dir}/test-classes:" + f.read().strip()
    servers, engines = [], {}
    for stack in STACKS:
        server = subprocess.Popen(["java", "-cp", classpath, "com.bbws.dynamodb.bench.EngineServer", stack], cwd=ROOT,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        servers.append(server)
        engines[stack] = json.loads(server.stdout.readline())

    loops = {}  # name -> function giving the steps of one run
    path_java = java_feature(None)  # the edit loop's JDK: options it refuses are left out
    for name, tree in trees.items():
        variants = {"": None} if name == "before" else {
            ", no JVM options": None, f", {C1_SERIAL}": C1_SERIAL, ", the workflows' (+ exit wait 0)": WORKFLOWS,
            ", + AutoCreateSharedArchive": AUTO_ARCHIVE}
        for label, options in variants.items():
            if name == "before" or options in (None, C1_SERIAL) or path_java >= 25:
                loops[f"edit loop, {name}{label}"] = edit_loop(tree, engines, options)
            loops[f"CI loop, {name}{label}"] = ci_loop(tree, engines, options)
            loops[f"program, sit preview, JDK 25, {name}{label}"] = (
                lambda tree=tree, options=options: preview(tree, JDK25, engines, "sit", options))
            if options != AUTO_ARCHIVE:
                loops[f"program, sit offline plan, JDK 25, {name}{label}"] = (
                    lambda tree=tree, options=options: [plan(tree, JDK25, "sit", options)])
    for label, options in {"only -XX:TieredStopAtLevel=1": "-XX:TieredStopAtLevel=1",
                           "only -XX:+UseSerialGC": "-XX:+UseSerialGC"}.items():
        loops[f"program, sit preview, JDK 25, after, {label}"] = (
            lambda options=options: preview(ROOT, JDK25, engines, "sit", options))
    for anchor in ("pulumi-ts", "cdk"):
        loops[f"anchor {anchor} (3 tables)"] = lambda anchor=anchor: [(["bash", ANCHORS, anchor, "0"], ROOT, None)]

    for tree in trees.values():  # both trees built on JDK 25 first, so each run starts from the same state
        run(package(tree, JDK25)[0], tree, env_with(JDK25))
    for steps in loops.values():  # warm-up: disk caches, the anchors' npm install, archives
        timed(steps())
    samples = {name: [] for name in loops}
    for _ in range(a.runs):  # interleaved, so drift hits every subject alike
        for name, steps in loops.items():
            samples[name].append(timed(steps()))

    med = {name: statistics.median(s) for name, s in samples.items()}
    print(f"\n| subject (median of {a.runs} interleaved runs) | wall s | min | max |")
    print("|---|---|---|---|")
    for name, s in samples.items():
        print(f"| {name} | {med[name]:.2f} | {min(s):.2f} | {max(s):.2f} |")
    ts = med["anchor pulumi-ts (3 tables)"]
    print("\n| program, JDK 25 | / Pulumi TS | / CDK |")
    print("|---|---|---|")
    for name in med:
        if name.startswith("program"):
            print(f"| {name[len('program, '):]} | {med[name] / ts:.2f} | {med[name] / med['anchor cdk (3 tables)']:.2f} |")

    print("\n## The program's run in a preview of sit, call by call (after, JDK 25, the workflows' options; median of 5)\n")
    print("The engine double records when each call arrives; the launch and the exit are timed here.\n")
    print("| launch to first call ms | first to last registration ms | then to the last call ms"
          " | exit after the last call ms | RegisterResource calls | Log calls |")
    print("|---|---|---|---|---|---|")
    rows = []
    for _ in range(5):
        cmd, cwd, env = preview(ROOT, JDK25, engines, "sit", WORKFLOWS)[1]
        start = time.time() * 1000
        run(cmd, cwd, env)
        end = time.time() * 1000
        servers[1].stdin.write("calls\n")
        servers[1].stdin.flush()
        calls = json.loads(servers[1].stdout.readline())
        first = next(i for i, c in enumerate(calls) if c["epochMillis"] >= start)
        calls = calls[first:]
        times = [c["epochMillis"] for c in calls]
        registered = [c["epochMillis"] for c in calls if c["method"].startswith("RegisterResource")]
        rows.append((times[0] - start, registered[-1] - times[0], times[-1] - registered[-1], end - times[-1],
                     sum(1 for c in calls if c["method"] == "RegisterResource"),
                     sum(1 for c in calls if c["method"] == "Log")))
    print("| " + " | ".join(f"{statistics.median(r[i] for r in rows):.0f}" for i in range(6)) + " |")

    for server in servers:
        server.stdin.close()
        if server.wait() != 0:
            sys.exit("an engine double saw errors")

    if a.with_tests:
        for name, tree in trees.items():
            start = time.monotonic()
            run(["./mvnw", "-B", "verify"], tree, env_with(None))
            print(f"\n./mvnw -B verify, {name}: {time.monotonic() - start:.0f} s wall")


def java_feature(java_home):
    out = subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True,
                         env=env_with(java_home)).stderr
    return int(out.split("java.specification.version = ")[1].split()[0])


if __name__ == "__main__":
    main()
