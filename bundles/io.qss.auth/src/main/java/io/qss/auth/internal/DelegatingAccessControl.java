// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import io.qss.auth.AccessControl;
import io.qss.auth.Account;
import io.qss.auth.ApiKey;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.auth.CreatedApiKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Forwards both service interfaces to the plain-Java implementation, so the DS component stays about lifecycle. */
abstract class DelegatingAccessControl implements AccessControl, AuthAdmin {

    protected final AccessControlImpl delegate;

    DelegatingAccessControl(AccessControlImpl delegate) {
        this.delegate = delegate;
    }

    @Override
    public Caller anonymous() {
        return delegate.anonymous();
    }

    @Override
    public Optional<Caller> apiKey(String key) {
        return delegate.apiKey(key);
    }

    @Override
    public Optional<Caller> login(String user, String password) {
        return delegate.login(user, password);
    }

    @Override
    public boolean mayRead(Caller caller, String path) {
        return delegate.mayRead(caller, path);
    }

    @Override
    public boolean mayWrite(Caller caller, String path) {
        return delegate.mayWrite(caller, path);
    }

    @Override
    public CreatedApiKey createApiKey(String name, Set<String> tags, boolean isWriter) throws AuthException {
        return delegate.createApiKey(name, tags, isWriter);
    }

    @Override
    public List<ApiKey> apiKeys() {
        return delegate.apiKeys();
    }

    @Override
    public boolean revokeApiKey(String id) throws AuthException {
        return delegate.revokeApiKey(id);
    }

    @Override
    public void putAccount(String user, String password, Set<String> tags) throws AuthException {
        delegate.putAccount(user, password, tags);
    }

    @Override
    public boolean setPassword(String user, String password) throws AuthException {
        return delegate.setPassword(user, password);
    }

    @Override
    public boolean addTags(String user, Set<String> tags) throws AuthException {
        return delegate.addTags(user, tags);
    }

    @Override
    public boolean removeTags(String user, Set<String> tags) throws AuthException {
        return delegate.removeTags(user, tags);
    }

    @Override
    public boolean removeAccount(String user) throws AuthException {
        return delegate.removeAccount(user);
    }

    @Override
    public List<Account> accounts() {
        return delegate.accounts();
    }

    @Override
    public Map<String, List<String>> tagConfig() {
        return delegate.tagConfig();
    }

    @Override
    public void setTagPrefixes(String tag, List<String> prefixes) throws AuthException {
        delegate.setTagPrefixes(tag, prefixes);
    }
}
