package com.bbws.dynamodb.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Reads what the build's dependency patches (build/DependencyPatches.java) left in class files. */
final class PatchedClasses {

    static final String RUNNER = "com/pulumi/deployment/internal/DeploymentImpl$DefaultRunner.class";

    private PatchedClasses() {
    }

    /** The calls ({@code owner.name descriptor}) and constants ({@code ldc value}) of one method, in order. */
    static List<String> instructions(byte[] classFile, String method) {
        var seen = new ArrayList<String>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals(method)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                        seen.add(owner + "." + called + " " + calledDescriptor);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        seen.add("ldc " + value);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                        seen.add(owner + "." + name);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return seen;
    }

    /** The classes of a jar (entry names, multi-release variants left out) whose class file version is below {@code major}. */
    static List<String> classesOlderThan(Path jar, int major) throws IOException {
        var old = new ArrayList<String>();
        try (var file = new ZipFile(jar.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        byte[] head = in.readNBytes(8);
                        if ((((head[6] & 0xff) << 8) | (head[7] & 0xff)) < major) {
                            old.add(entry.getName());
                        }
                    }
                }
            }
        }
        return old;
    }

    static byte[] entry(Path jar, String name) throws IOException {
        try (var file = new ZipFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
