// SPDX-License-Identifier: Apache-2.0
/** Access control: who may read which stream path, who may write; accounts, tag configuration and API keys. */
@Version("1.3.0")
package io.qss.auth;

import org.osgi.annotation.versioning.Version;
