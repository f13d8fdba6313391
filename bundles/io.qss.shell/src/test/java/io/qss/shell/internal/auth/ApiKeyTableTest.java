// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.auth.Account;
import io.qss.auth.ApiKey;
import io.qss.auth.CreatedApiKey;
import io.qss.auth.IgnoredDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApiKeyTableTest {

    private static final ApiKey KEY =
            new ApiKey("0a1b2c3d", "loader", Set.of("lab", "all"), true, Instant.parse("2026-11-27T22:00:00Z"));

    @Test
    void givenCreatedKey_whenRendered_thenSecretOnItsOwnKeyLine() {
        String text = ApiKeyTable.created(new CreatedApiKey(KEY, "qss_0a1b2c3d_secret"));
        assertEquals(
                "id     0a1b2c3d\nname   loader\ntags   all,lab,public\nwrite  true\n"
                        + "key    qss_0a1b2c3d_secret\n"
                        + "Keep the key now: only its hash is stored, it cannot be shown again.\n",
                text);
    }

    @Test
    void givenKeys_whenListed_thenOneRowEachUnderAHeader() {
        String[] lines = ApiKeyTable.list(List.of(KEY)).split("\n");
        assertEquals(2, lines.length);
        assertEquals("ID        NAME                  TAGS                      WRITE  CREATED", lines[0]);
        assertEquals("0a1b2c3d  loader                all,lab,public            true   2026-11-27T22:00:00Z", lines[1]);
    }

    @Test
    void givenAccounts_whenListed_thenUserColonSortedTags() {
        assertEquals(
                "alice: all, public\n", ApiKeyTable.accounts(List.of(new Account("alice", Set.of("public", "all")))));
    }

    @Test
    void givenIgnoredDocuments_whenShownForOneCollection_thenOneLineEachWithItsReason() {
        List<IgnoredDocument> ignored = List.of(
                new IgnoredDocument("qss.apikeys", "deadbeef", "key=deadbeef", "bad signature"),
                new IgnoredDocument("mr_plotter.accounts", "6b14", "user=mallory", "missing signature"));
        assertEquals(
                "ignored: bad signature [collection=qss.apikeys, _id=deadbeef, key=deadbeef]\n",
                ApiKeyTable.ignored(ignored, "qss.apikeys"));
        assertEquals("", ApiKeyTable.ignored(ignored, "mr_plotter.tagconfig"));
    }

    @Test
    void givenTagConfig_whenShown_thenOneLinePerTag() {
        assertEquals(
                "all -> /\npublic -> /upmu, /lab/\n",
                ApiKeyTable.tagConfig(new TreeMap<>(Map.of("public", List.of("/upmu", "/lab/"), "all", List.of("/")))));
    }
}
