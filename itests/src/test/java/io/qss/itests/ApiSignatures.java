// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The public API of one package as sorted text lines, read from its class files without loading them: every public
 * or protected type with its kind, modifiers, supertypes and generic signature, and every public or protected field
 * and method with its descriptor, generic signature, modifiers and (for constants) value. Two packages have the same
 * API exactly when their lines are equal. A line starting with {@code type } describes a type; an interface that
 * third parties implement (annotated {@code @ConsumerType}) says so, since adding an abstract method breaks them.
 */
final class ApiSignatures {

    static final String CONSUMER_TYPE = "Lorg/osgi/annotation/versioning/ConsumerType;";

    private final SortedSet<String> lines = new TreeSet<>();
    private final SortedSet<String> consumerTypes = new TreeSet<>();

    /** Adds the API of one class file (ignored when the type is not public or protected, or synthetic). */
    void add(byte[] classFile) {
        new ClassReader(classFile).accept(new TypeVisitor(), ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
    }

    SortedSet<String> lines() {
        return lines;
    }

    /** Whether adding {@code line} (an abstract method) breaks implementers: it belongs to a consumer type. */
    boolean breaksImplementers(String line) {
        int hash = line.indexOf('#');
        return hash > 0 && line.contains(" abstract") && consumerTypes.contains(line.substring(0, hash));
    }

    private static boolean isApi(int access) {
        return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0;
    }

    private static String modifiers(int access) {
        List<String> m = new ArrayList<>();
        if ((access & Opcodes.ACC_PROTECTED) != 0) {
            m.add("protected");
        }
        if ((access & Opcodes.ACC_STATIC) != 0) {
            m.add("static");
        }
        if ((access & Opcodes.ACC_FINAL) != 0) {
            m.add("final");
        }
        if ((access & Opcodes.ACC_ABSTRACT) != 0) {
            m.add("abstract");
        }
        if ((access & Opcodes.ACC_VARARGS) != 0) {
            m.add("varargs");
        }
        return m.isEmpty() ? "" : " " + String.join(" ", m);
    }

    private static String kind(int access) {
        if ((access & Opcodes.ACC_ANNOTATION) != 0) {
            return "@interface";
        }
        if ((access & Opcodes.ACC_INTERFACE) != 0) {
            return "interface";
        }
        if ((access & Opcodes.ACC_ENUM) != 0) {
            return "enum";
        }
        if ((access & Opcodes.ACC_RECORD) != 0) {
            return "record";
        }
        return "class";
    }

    private final class TypeVisitor extends ClassVisitor {

        private String type;
        private String header;
        private boolean isApiType;
        private boolean isInterface;
        private boolean isConsumerType;

        TypeVisitor() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            type = name.replace('/', '.');
            isApiType = isApi(access);
            isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            String supers = (superName == null || superName.equals("java/lang/Object") ? "" : " extends " + superName)
                    + (interfaces.length == 0 ? "" : " implements " + String.join(",", interfaces));
            header = "type " + type + " " + kind(access)
                    + modifiers(access & ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) + supers
                    + (signature == null ? "" : " " + signature);
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            // a nested type's own access flags are in its own class file
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (descriptor.equals(CONSUMER_TYPE)) {
                isConsumerType = true;
            }
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (isApiType && isApi(access)) {
                lines.add(type + "." + name + ":" + descriptor + (signature == null ? "" : " " + signature)
                        + modifiers(access) + (value == null ? "" : " = " + value));
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (isApiType && isApi(access) && (access & Opcodes.ACC_BRIDGE) == 0) {
                boolean isDefault = isInterface && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) == 0;
                lines.add(type + "#" + name + descriptor + (signature == null ? "" : " " + signature)
                        + modifiers(access) + (isDefault ? " default" : "")
                        + (exceptions == null ? "" : " throws " + String.join(",", exceptions)));
            }
            return null;
        }

        @Override
        public void visitEnd() {
            if (isApiType) {
                lines.add(header + (isConsumerType ? " @ConsumerType" : ""));
                if (isConsumerType) {
                    consumerTypes.add(type);
                }
            }
        }
    }
}
