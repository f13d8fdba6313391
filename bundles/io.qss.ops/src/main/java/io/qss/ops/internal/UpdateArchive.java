// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import java.nio.file.Path;

/**
 * An unpacked, verified update archive.
 *
 * <p>Layout: {@code update.properties} ({@code format=1}, {@code version}, {@code feature}, {@code repository},
 * {@code kar}), the KAR it names, and {@code SHA256SUMS} in {@code sha256sum} format covering both. Every listed
 * checksum is verified before the archive is used ({@link VerifiedArchive}).
 *
 * @param root the folder holding {@code update.properties}
 * @param version the qss version the archive carries, e.g. {@code 0.2.0}
 * @param feature the feature to install, e.g. {@code qss}
 * @param repository the features repository URI inside the KAR, e.g. {@code mvn:io.qss/qss-features/0.2.0/xml/features}
 * @param kar the KAR file with the repository's bundles
 */
record UpdateArchive(Path root, String version, String feature, String repository, Path kar) {

    static final String PROPERTIES = "update.properties";
    private static final String KIND = "update";

    /** Unpacks (when given a {@code .tar.gz}) into {@code workDir}, verifies, and reads the archive. */
    static UpdateArchive open(Path archive, Path workDir) throws UpdateException {
        VerifiedArchive verified = VerifiedArchive.open(archive, workDir, KIND, PROPERTIES);
        String feature = verified.required("feature", archive, KIND);
        if (!FeatureUpdater.QSS_FEATURE.equals(feature)) {
            // any other feature would be installed beside qss, and a rollback could not take it away again
            throw new UpdateException("update archive carries another feature than " + FeatureUpdater.QSS_FEATURE
                    + ", archive refused [archive=" + archive + ", feature=" + feature + "]");
        }
        return new UpdateArchive(
                verified.root(),
                verified.required("version", archive, KIND),
                feature,
                verified.required("repository", archive, KIND),
                verified.kar());
    }
}
