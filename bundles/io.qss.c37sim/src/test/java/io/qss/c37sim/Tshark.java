// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs tshark (Wireshark's dissector, the independent oracle) on a capture and gives each C37.118 frame's fields in
 * document order. Test code only.
 */
final class Tshark {
    /** One dissected field: its name ("" for a label-only node), show text, full label and raw hex. */
    record Field(String name, String show, String showname, String value) {}

    private Tshark() {}

    /** The path of tshark, or null when it is not installed. */
    static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Each synphasor frame of {@code pcap}, as its fields in order. */
    static List<List<Field>> frames(String tshark, Path pcap) throws Exception {
        Path pdml = Files.createTempFile("tshark", ".pdml");
        try {
            Process process = new ProcessBuilder(
                            tshark, "-r", pcap.toString(), "-T", "pdml", "-d", "tcp.port==4712,synphasor")
                    .redirectOutput(pdml.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("tshark failed [pcap=" + pcap + "]");
            }
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pdml.toFile());
            NodeList protos = document.getElementsByTagName("proto");
            List<List<Field>> frames = new ArrayList<>();
            for (int i = 0; i < protos.getLength(); i++) {
                Element proto = (Element) protos.item(i);
                if (proto.getAttribute("name").equals("synphasor")) {
                    List<Field> fields = new ArrayList<>();
                    NodeList nodes = proto.getElementsByTagName("field");
                    for (int j = 0; j < nodes.getLength(); j++) {
                        Element field = (Element) nodes.item(j);
                        fields.add(new Field(
                                field.getAttribute("name"),
                                field.getAttribute("show"),
                                field.getAttribute("showname"),
                                field.getAttribute("value")));
                    }
                    frames.add(fields);
                }
            }
            return frames;
        } finally {
            Files.deleteIfExists(pdml);
        }
    }
}
