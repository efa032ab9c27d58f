package org.livercast.app.web;

import org.livercast.study.access.User;

/** The signed-in user of a request, with the session's CSRF token that forms and scripts must send back. */
record WebUser(User user, String csrfToken) {}
