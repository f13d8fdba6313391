// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

import java.nio.file.Path;

/**
 * A file the generator wrote, or left alone because it already had the same content.
 *
 * @param path      absolute path of the file
 * @param backup    where the previous content was kept, or null when there was none or it was identical
 * @param isChanged false when the file already had exactly this content and was not touched
 */
public record WrittenFile(Path path, Path backup, boolean isChanged) {}
