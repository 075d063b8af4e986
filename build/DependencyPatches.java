import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The two changes the build makes to its dependencies' class files, with ASM, so that the program
 * starts fast and cannot livelock. Run by Maven (pom.xml, exec-maven-plugin execution
 * {@code patch-dependencies}, after the dependencies are copied to target/lib and before the tests)
 * as a single-file program:
 *
 * <pre>java -cp asm.jar build/DependencyPatches.java PULUMI_JAR CLASSES_DIR LIB_DIR</pre>
 *
 * <p><b>The Pulumi SDK's deployment loop</b>: backports pulumi/pulumi-java#2314 (merged upstream, in
 * no release as of 1.36.1) into {@code CLASSES_DIR}, ahead of the SDK's jar on every class path (the
 * program's jar, the tests'). In 1.36.1, {@code DeploymentImpl.DefaultRunner.loopUntilDone} re-submits
 * itself to the common pool as soon as it has checked the pending tasks, and each check formats every
 * pending task into a log message (at FINEST, formatted before the level is tested). That loop keeps
 * the pool's workers busy for the whole run: on 2 CPUs it took about a third of a preview's CPU time
 * (BENCHMARKS.md, "What changed"), and with a pool of parallelism 1 on Java 25 it never lets another task run
 * (pulumi/pulumi-java#2270). The backport makes the change #2314 describes: the loop checks again
 * after 10 ms instead of at once (its description; its diff is not in reach here). It applies to
 * exactly the 1.36.1 class (its SHA-256 below): any other version fails the build, saying to delete
 * the backport once the SDK has the fix.
 *
 * <p><b>Classes older than Java 6</b>: rewrites, in place, every jar in {@code LIB_DIR} (the program's
 * runtime class path) that holds classes compiled for Java 5 or older (class file version 49: picocli
 * 4.7.7, SLF4J 1.7, annotation jars), as class file version 52 with its stack map frames computed, so
 * that the CDS archive and the AOT cache can hold them: the JVM archives no class older than Java 6
 * and verifies such classes with the old inference verifier on every run (171 picocli classes on the
 * plan's path, about a quarter of its time, BENCHMARKS.md). The bytecode is unchanged; the JVM's
 * verifier checks the computed frames when the class loads, and the tests run the rewritten jar.
 */
public final class DependencyPatches {

    static final String RUNNER = "com/pulumi/deployment/internal/DeploymentImpl$DefaultRunner.class";
    /** SHA-256 of {@link #RUNNER} in com.pulumi:pulumi:1.36.1, the class the backport is written for. */
    static final String RUNNER_1_36_1 = "8881902556021dcecf6ff3403a3296dd4cafae079149e422a26189cfa093f14d";
    static final long RECHECK_AFTER_MILLIS = 10; // as pulumi/pulumi-java#2314

    private static final String CONTEXT_AWARE_FUTURE = "com/pulumi/core/internal/ContextAwareCompletableFuture";
    private static final String RUN_ASYNC = "(Ljava/lang/Runnable;)Ljava/util/concurrent/CompletableFuture;";
    private static final String RUN_ASYNC_ON = "(Ljava/lang/Runnable;Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;";

    private DependencyPatches() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            fail("usage: java -cp asm.jar build/DependencyPatches.java PULUMI_JAR CLASSES_DIR LIB_DIR");
        }
        try {
            backportRunnerFix(Path.of(args[0]), Path.of(args[1]));
            try (var jars = Files.list(Path.of(args[2]))) {
                for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                    rewriteForJava8(jar);
                }
            }
        } catch (IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("build/DependencyPatches: " + message);
        System.exit(1);
    }

    // ---- the Pulumi SDK's deployment loop ------------------------------------------------------

    static void backportRunnerFix(Path pulumiJar, Path classesDir) throws IOException {
        byte[] original;
        try (var jar = new ZipFile(pulumiJar.toFile())) {
            ZipEntry entry = jar.getEntry(RUNNER);
            if (entry == null) {
                throw new IllegalStateException(pulumiJar + " has no " + RUNNER);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                original = in.readAllBytes();
            }
        }
        if (!sha256(original).equals(RUNNER_1_36_1)) {
            throw new IllegalStateException(pulumiJar.getFileName() + ": its " + RUNNER + " is not the com.pulumi:pulumi"
                    + ":1.36.1 class the backport of pulumi/pulumi-java#2314 is written for. If this version has the"
                    + " fix, delete the backport (backportRunnerFix in build/DependencyPatches.java); if not, adapt it"
                    + " to this version.");
        }
        Path out = classesDir.resolve(RUNNER);
        Files.createDirectories(out.getParent());
        Files.write(out, recheckAfterDelay(original));
        System.out.println("build/DependencyPatches: backported pulumi/pulumi-java#2314 into " + out);
    }

    /**
     * In {@code loopUntilDone}, {@code ContextAwareCompletableFuture.runAsync(next)} becomes
     * {@code runAsync(next, CompletableFuture.delayedExecutor(10, MILLISECONDS))}: the same task, on
     * the same pool, 10 ms later.
     */
    static byte[] recheckAfterDelay(byte[] runner) {
        var reader = new ClassReader(runner);
        var writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        int[] replaced = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals("loopUntilDone")) {
                    return method;
                }
                return new MethodVisitor(Opcodes.ASM9, method) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals(CONTEXT_AWARE_FUTURE)
                                && called.equals("runAsync") && calledDescriptor.equals(RUN_ASYNC)) {
                            super.visitLdcInsn(RECHECK_AFTER_MILLIS);
                            super.visitFieldInsn(Opcodes.GETSTATIC, "java/util/concurrent/TimeUnit", "MILLISECONDS",
                                    "Ljava/util/concurrent/TimeUnit;");
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/concurrent/CompletableFuture",
                                    "delayedExecutor", "(JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/Executor;", false);
                            super.visitMethodInsn(opcode, owner, called, RUN_ASYNC_ON, isInterface);
                            replaced[0]++;
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
                    }
                };
            }
        }, 0);
        if (replaced[0] != 1) {
            throw new IllegalStateException("expected one re-submission in DefaultRunner.loopUntilDone, found " + replaced[0]);
        }
        return writer.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- classes older than Java 6 -------------------------------------------------------------

    static void rewriteForJava8(Path jar) throws IOException {
        try (var file = new ZipFile(jar.toFile())) {
            boolean old = false;
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA"))) {
                    System.out.println("build/DependencyPatches: " + jar.getFileName() + " is signed: left as it is");
                    return;
                }
                if (!old && name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        old = major(in.readNBytes(8)) < 50;
                    }
                }
            }
            if (!old) {
                return;
            }
        }
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".java8");
        int count = 0;
        try (var classes = new URLClassLoader(new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
             var in = new ZipInputStream(Files.newInputStream(jar));
             OutputStream file = Files.newOutputStream(rewritten);
             var out = new ZipOutputStream(file)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/") && major(bytes) < 50) {
                    bytes = asJava8(bytes, classes);
                    count++;
                }
                var copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime()); // the jar stays reproducible: same entries, same times
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("build/DependencyPatches: " + count + " classes of " + jar.getFileName() + " now class file version 52");
    }

    static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** Version 52, frames computed from the bytecode (the types they merge are looked up in the jar itself). */
    static byte[] asJava8(byte[] classFile, ClassLoader classes) {
        var writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
