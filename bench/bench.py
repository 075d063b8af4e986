#!/usr/bin/env python3
"""The benchmark: whole-process wall time and peak memory of the program on JDK 17 and JDK 25, on the
mock path (the offline plan) and the gRPC path (the program under the engine double, launched as the
Pulumi language host launches it), at 3/30/300 tables, against the anchors (../shared/anchors), all
interleaved in one run; then where the time goes (classes loaded, from the archive or not, CPU time)
and the in-process cost per table. Medians; quote ratios, absolute times drift on a shared machine.

Usage: python3 bench/bench.py [--runs 7] [--with-tests]      (from the repository root)
       JDK 25: JAVA_HOME_25 or /usr/lib/jvm/temurin-25-jdk-amd64 (its column is left out when missing)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHORS = os.environ.get("BBWS_ANCHORS", os.path.join(os.path.dirname(ROOT), "shared", "anchors", "run.sh"))
JAR = "target/bbws-dynamodb.jar"
TUNED = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def jdk25():
    for home in (os.environ.get("JAVA_HOME_25"), "/usr/lib/jvm/temurin-25-jdk-amd64"):
        if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
            return home
    return None


def java_home_17():
    out = subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    return next(line.split("=", 1)[1].strip() for line in out.splitlines() if "java.home =" in line)


def measured(cmd, env=None):
    """Wall seconds and peak RSS (MiB, of the largest process) of one run of cmd, through GNU time."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S"] + cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    wall, rss, user, system = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024, float(user) + float(system)


def test_classpath():
    with open(os.path.join(ROOT, "target", "bench-classpath.txt")) as f:
        return "target/classes:target/test-classes:" + f.read().strip()


class Jdk:
    def __init__(self, name, home):
        self.name, self.home = name, home
        self.java = os.path.join(home, "bin", "java")
        self.feature = int(subprocess.run([self.java, "-XshowSettings:properties", "-version"], capture_output=True,
                                          text=True).stderr.split("java.specification.version = ")[1].split()[0])
        self.env = dict(os.environ, PATH=os.path.join(home, "bin") + ":" + os.environ["PATH"])
        for name_ in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "BBWS_TUNED_JVM"):
            self.env.pop(name_, None)

    def archive_options(self):
        """What the tuned JVM gets (startup/TunedJvm): the AOT cache on 25+, the CDS archive before."""
        if self.feature >= 25:
            # the cache holds the module options it was trained with: they must match, or the JVM skips it
            return ["-XX:AOTCache=target/bbws-dynamodb.aot", "-Xlog:aot=off", "-Xlog:cds=off",
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"]
        return ["-XX:SharedArchiveFile=target/bbws-dynamodb.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]

    def train(self):
        """The build's training step (pom.xml, execution class-data-sharing-archive) with this JDK."""
        sh([self.java, "-cp", test_classpath(), "com.bbws.dynamodb.startup.ArchiveTraining", JAR, "target",
            f"target/archive-training-{self.feature}.txt"], env=self.env)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--with-tests", action="store_true", help="also time ./mvnw -q verify once")
    a = p.parse_args()

    sh(["./mvnw", "-q", "-B", "-DskipTests", "package", "dependency:build-classpath",
        "-Dmdep.outputFile=target/bench-classpath.txt", "-Dmdep.includeScope=test"])
    jdks = [Jdk("JDK 17", java_home_17())]
    if jdk25():
        jdks.append(Jdk("JDK 25", jdk25()))
    for jdk in jdks:  # package trained the archive of the java on PATH; each JDK gets its own beside the jar
        jdk.train()

    # one engine double serves every gRPC run (it records and answers; the runs do not share state)
    engine = subprocess.Popen(["java", "-cp", test_classpath(), "com.bbws.dynamodb.bench.EngineServer", "sit"],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    engine_env = json.loads(engine.stdout.readline())

    subjects = {}  # name -> (command, env)
    for jdk in jdks:
        j = jdk.name
        subjects[f"{j}: plan sit, as Pulumi starts it (java -jar, re-launch)"] = (
            [jdk.java, "-jar", JAR, "plan", "--stack", "sit"], jdk.env)
        subjects[f"{j}: plan sit, tuned options given directly"] = (
            [jdk.java] + jdk.archive_options() + TUNED + ["-jar", JAR, "plan", "--stack", "sit"], jdk.env)
        subjects[f"{j}: plan sit, untuned (BBWS_TUNED_JVM=off)"] = (
            [jdk.java, "-jar", JAR, "plan", "--stack", "sit"], dict(jdk.env, BBWS_TUNED_JVM="off"))
        subjects[f"{j}: program under the gRPC engine, sit (as the language host starts it)"] = (
            ["java", "-jar", JAR], dict(jdk.env, **engine_env))
        for tables in (30, 300):
            subjects[f"{j}: plan {tables} tables (tuned, archive)"] = (
                [jdk.java] + jdk.archive_options() + TUNED
                + ["-cp", JAR + ":target/test-classes", "com.bbws.dynamodb.bench.PlanBenchmark", "once", str(tables)],
                jdk.env)
    for tables in (3, 30, 300):
        subjects[f"anchor pulumi-ts ({tables} tables)"] = (["bash", ANCHORS, "pulumi-ts", str(tables - 3)], None)
        subjects[f"anchor cdk synth ({tables} tables)"] = (["bash", ANCHORS, "cdk", str(tables - 3)], None)
    for jdk in jdks:
        subjects[f"{jdk.name}: jvm hello (java -version)"] = ([jdk.java, "-version"], jdk.env)

    for cmd, env in subjects.values():  # warm-up: disk caches, anchors' npm install
        measured(cmd, env)
    samples = {name: [] for name in subjects}
    for _ in range(a.runs):  # interleaved, so drift hits every subject alike
        for name, (cmd, env) in subjects.items():
            samples[name].append(measured(cmd, env))
    med = {n: tuple(statistics.median(x[i] for x in s) for i in range(3)) for n, s in samples.items()}

    print(f"\n## Whole process, median of {a.runs} interleaved runs\n")
    print("| subject | wall s | peak MiB | CPU s |")
    print("|---|---|---|---|")
    for name, (wall, rss, cpu) in med.items():
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {cpu:.2f} |")

    ts = {n: med[f"anchor pulumi-ts ({n} tables)"] for n in (3, 30, 300)}
    cdk = {n: med[f"anchor cdk synth ({n} tables)"] for n in (3, 30, 300)}
    print("\n## Ratios against the anchors (issue 11 targets)\n")
    print("| ratio | " + " | ".join(j.name for j in jdks) + " | target |")
    print("|---|" + "---|" * len(jdks) + "---|")

    def row(label, subject, anchor, index=0, target=""):
        values = [med[f"{j.name}: {subject}"][index] / anchor[index] for j in jdks]
        print(f"| {label} | " + " | ".join(f"{v:.2f}" for v in values) + f" | {target} |")

    row("plan sit (java -jar) / pulumi-ts", "plan sit, as Pulumi starts it (java -jar, re-launch)", ts[3],
        target="25: <= 0.7; 17: <= 0.95")
    row("plan sit (java -jar) / cdk synth", "plan sit, as Pulumi starts it (java -jar, re-launch)", cdk[3],
        target="25: <= 0.2")
    row("plan sit, tuned directly / pulumi-ts", "plan sit, tuned options given directly", ts[3])
    row("plan sit, untuned / pulumi-ts", "plan sit, untuned (BBWS_TUNED_JVM=off)", ts[3])
    row("gRPC engine, sit / pulumi-ts", "program under the gRPC engine, sit (as the language host starts it)", ts[3],
        target="25: <= 0.8")
    row("plan 30 / pulumi-ts 30", "plan 30 tables (tuned, archive)", ts[30])
    row("plan 30 / cdk synth 30", "plan 30 tables (tuned, archive)", cdk[30])
    row("plan 300 / pulumi-ts 300", "plan 300 tables (tuned, archive)", ts[300])
    row("plan 300 / cdk synth 300", "plan 300 tables (tuned, archive)", cdk[300], target="25: <= 0.4")
    row("peak MiB plan 300 / pulumi-ts 300", "plan 300 tables (tuned, archive)", ts[300], index=1, target="25: < 1")
    row("peak MiB plan sit / pulumi-ts", "plan sit, as Pulumi starts it (java -jar, re-launch)", ts[3], index=1)

    print("\n## Where the time goes (one run each, tuned JVM options given directly)\n")
    print("| JDK | path | classes loaded | from the archive | others (loaded, parsed, verified at run time) |")
    print("|---|---|---|---|---|")
    for jdk in jdks:
        for path, cmd, env in (("plan sit", ["-jar", JAR, "plan", "--stack", "sit"], jdk.env),
                               ("gRPC engine", ["-jar", JAR], dict(jdk.env, **engine_env))):
            out = subprocess.run([jdk.java] + jdk.archive_options() + TUNED + ["-Xlog:class+load:file=target/cl.txt"]
                                 + cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
            with open(os.path.join(ROOT, "target", "cl.txt")) as f:
                lines = [line for line in f if "source:" in line]
            shared = sum(1 for line in lines if "shared objects file" in line)
            print(f"| {jdk.name} | {path} | {len(lines)} | {shared} | {len(lines) - shared} |")

    print("\n## The gRPC path, call by call (median of 3 runs, as the language host starts it)\n")
    print("The engine double records when each call arrives; the launch and the exit are timed here.\n")
    print("| JDK | first call after launch ms | first to last registration ms | then log calls until ms"
          " | exit after the last call ms | RegisterResource calls | Log calls (all DEBUG) |")
    print("|---|---|---|---|---|---|---|")
    for jdk in jdks:
        rows = []
        for _ in range(3):
            start = time.time() * 1000
            subprocess.run(["java", "-jar", JAR], cwd=ROOT, env=dict(jdk.env, **engine_env),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            end = time.time() * 1000
            engine.stdin.write("calls\n")
            engine.stdin.flush()
            calls = json.loads(engine.stdout.readline())
            times = [c["epochMillis"] for c in calls]
            registered = [c["epochMillis"] for c in calls if c["method"].startswith("RegisterResource")]
            rows.append((times[0] - start, registered[-1] - times[0], times[-1] - registered[-1], end - times[-1],
                         sum(1 for c in calls if c["method"] == "RegisterResource"),
                         sum(1 for c in calls if c["method"] == "Log")))
        m = [statistics.median(r[i] for r in rows) for i in range(6)]
        print(f"| {jdk.name} | {m[0]:.0f} | {m[1]:.0f} | {m[2]:.0f} | {m[3]:.0f} | {m[4]:.0f} | {m[5]:.0f} |")

    engine.stdin.close()
    if engine.wait() != 0:
        sys.exit("the engine double saw errors")

    print("\n## In process (JDK 17, one JVM, median of 15 after 5 warm-ups)\n")
    out = subprocess.run(["java", "-cp", test_classpath(), "com.bbws.dynamodb.bench.PlanBenchmark", "inprocess",
                          "3", "30", "300"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines() if line.startswith("inprocess")]
    print("| tables | plan ms | ms per table |")
    print("|---|---|---|")
    for _, tables, ms in rows:
        n, v = int(tables.split("=")[1]), float(ms.split("=")[1])
        print(f"| {n} | {v:.1f} | {v / n:.2f} |")

    out = subprocess.run(["java", "-cp", test_classpath(), "com.bbws.dynamodb.bench.ValidatorBenchmark", "3", "30"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    print("\n| validator on DynamoDB Local (median of 15 after 5) | ms |")
    print("|---|---|")
    for line in out.splitlines():
        if line.startswith("validate"):
            _, tables, ms = line.split()
            print(f"| {tables.split('=')[1]} tables | {float(ms.split('=')[1]):.1f} |")

    if a.with_tests:
        start = time.monotonic()
        sh(["./mvnw", "-q", "-B", "verify"], stdout=subprocess.DEVNULL)
        print(f"\nTest suite (./mvnw -q -B verify): {time.monotonic() - start:.0f} s wall")


if __name__ == "__main__":
    main()
