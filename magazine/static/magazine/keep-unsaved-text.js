/*
 * Nothing typed is lost: the interview form keeps its text in this browser.
 *
 * As an editor types, the text fields of the form (title, standfirst, body,
 * closing lines, every question and answer) are kept in localStorage under
 * the form's address, a second after the last keystroke. When the form
 * opens again and what was kept differs from what the server has (the
 * session ran out before the save, the browser crashed, the tab was
 * closed), a notice at the top offers it back: "Restore it" puts it into
 * the fields, "Discard" forgets it. When what was kept is what the server
 * now has (the save went through), it is forgotten without a word.
 *
 * On an interview that exists, what changed is also sent to the server
 * every half minute while typing (it keeps one copy per editor, not a
 * revision), so that another browser or device is offered it too: the
 * newer of the two copies is the one offered.
 *
 * No inline script: this file is loaded by the admin's Media, and the
 * admin's Content-Security-Policy allows only the site's own scripts. The
 * server's copy comes in a JSON data block, which runs nothing.
 *
 * Its words are in the admin's language: the admin's JavaScript catalogue
 * (admin:jsi18n, loaded before this file) carries the project's djangojs
 * translations too (locale/ko/LC_MESSAGES/djangojs.po).
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  // Django's catalogue functions, or English where no catalogue is loaded.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) {
    return count === 1 ? one : many;
  };
  function interpolate(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, name) {
      return String(values[name]);
    });
  }

  // Loaded in the page's head (the admin's Media): the form comes later.
  var form = document.getElementById("interview_form");
  if (!form || !window.localStorage) {
    return;
  }
  var TEXT = 'input[type="text"], textarea';
  var KEPT_FOR_MS = 30 * 24 * 3600 * 1000;
  var key = "unsaved:" + window.location.pathname;
  var addKey = "unsaved:" + window.location.pathname.replace(/\d+\/change\/$/, "add/");

  function textFields() {
    return Array.prototype.filter.call(form.querySelectorAll(TEXT), function (field) {
      return field.name && field.name.indexOf("__prefix__") === -1 && !field.readOnly;
    });
  }

  // The fields as they are, or (asServed) as the server sent them.
  function values(asServed) {
    var kept = {};
    textFields().forEach(function (field) {
      kept[field.name] = asServed ? field.defaultValue : field.value;
    });
    return kept;
  }

  function read(name) {
    try {
      var kept = JSON.parse(window.localStorage.getItem(name));
      if (kept && Date.now() - kept.savedAt < KEPT_FOR_MS) {
        return kept;
      }
    } catch (error) {
      /* unreadable: treated as nothing kept */
    }
    window.localStorage.removeItem(name);
    return null;
  }

  function differences(kept) {
    var now = values();
    return Object.keys(kept.fields).filter(function (name) {
      return name in now && now[name] !== kept.fields[name] && kept.fields[name] !== "";
    });
  }

  function keep() {
    try {
      window.localStorage.setItem(
        key,
        JSON.stringify({ savedAt: Date.now(), fields: values() })
      );
    } catch (error) {
      /* storage full or refused: the server's copy is all there is */
    }
  }

  function offer(kept, changed) {
    var notice = document.createElement("div");
    notice.className = "unsaved-text-notice messagelist";
    notice.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.className = "warning";
    text.textContent = interpolate(
      ngettext(
        "Text you typed on %(when)s was not saved, and this browser kept it (%(count)s field). ",
        "Text you typed on %(when)s was not saved, and this browser kept it (%(count)s fields). ",
        changed.length
      ),
      {
        when: new Date(kept.savedAt).toLocaleString(document.documentElement.lang || undefined),
        count: changed.length,
      }
    );
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button";
    restore.textContent = gettext("Restore it");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button";
    discard.textContent = gettext("Discard");
    text.appendChild(restore);
    text.appendChild(document.createTextNode(" "));
    text.appendChild(discard);
    notice.appendChild(text);
    form.insertBefore(notice, form.firstChild);

    restore.addEventListener("click", function () {
      textFields().forEach(function (field) {
        if (changed.indexOf(field.name) !== -1) {
          field.value = kept.fields[field.name];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      notice.remove();
      keep();
    });
    discard.addEventListener("click", function () {
      window.localStorage.removeItem(key);
      notice.remove();
      if (autosaveUrl && csrf && window.fetch) {
        fetch(autosaveUrl, {
          method: "POST",
          body: new URLSearchParams({ discard: "yes" }),
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrf.value },
        });
      }
    });
  }

  // A new interview saved: what its add form kept is now on the server.
  if (addKey !== key) {
    var added = read(addKey);
    if (added && differences(added).length === 0) {
      window.localStorage.removeItem(addKey);
    }
  }

  var kept = read(key);
  var fromServer = document.getElementById("autosaved-text");
  if (fromServer) {
    var serverCopy = JSON.parse(fromServer.textContent);
    if (!kept || serverCopy.savedAt > kept.savedAt) {
      kept = serverCopy;
    }
  }
  if (kept) {
    var changed = differences(kept);
    if (changed.length) {
      offer(kept, changed);
    } else {
      window.localStorage.removeItem(key);
    }
  }

  var timer = null;
  form.addEventListener("input", function (event) {
    if (!event.target.matches(TEXT)) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, 1000);
  });
  // Kept at once when the form is sent: the answer may be a login page.
  form.addEventListener("submit", keep);

  var autosaveUrl = /\/change\/$/.test(window.location.pathname)
    ? window.location.pathname.replace(/change\/$/, "autosave/")
    : null;
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]');
  // What the server has: the fields as it sent them. What they hold by
  // now may already be typing, done while the page was still loading.
  var lastSent = JSON.stringify(values(true));
  function sendToServer() {
    var now = JSON.stringify(values());
    if (now === lastSent) {
      return;
    }
    var body = new URLSearchParams(values());
    fetch(autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf.value },
    }).then(function (response) {
      // 204 is kept; a login page (the session ran out) is not.
      if (response.status === 204) {
        lastSent = now;
      }
    }, function () {
      /* offline: the browser's copy stands, and the next try may work */
    });
  }
  // Leaving the page (another address, a closed tab, another tab or app in
  // front): one last copy, sent in a way the browser finishes after the
  // page is gone. It is sent when the page is hidden, the last moment a
  // browser reliably gives a page (a phone switching apps may say nothing
  // more, and a busy machine once ran pagehide too late), and again when
  // it goes, unless the text is the same. Whether a beacon was taken is
  // never known, so the half-minute sending still compares with lastSent.
  var sentOnLeaving = null;
  function sendOnLeaving() {
    var now = values();
    var text = JSON.stringify(now);
    if (submitting || text === lastSent || text === sentOnLeaving || !navigator.sendBeacon) {
      return;
    }
    var body = new FormData();
    Object.keys(now).forEach(function (name) {
      body.append(name, now[name]);
    });
    body.append("csrfmiddlewaretoken", csrf.value);
    if (navigator.sendBeacon(autosaveUrl, body)) {
      sentOnLeaving = text;
    }
  }
  var submitting = false;
  form.addEventListener("submit", function () {
    submitting = true;
  });
  if (autosaveUrl && csrf && window.fetch) {
    window.setInterval(sendToServer, 30 * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        sendOnLeaving();
      }
    });
    window.addEventListener("pagehide", sendOnLeaving);
  }
});
