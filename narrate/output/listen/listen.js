/* narrate listen page: the sentence being spoken is highlighted, clicked sentences and
   chapters play from their start, keys and speed, the position kept per episode.
   Times come from data-start/data-end (seconds) measured on the final audio. */
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };
  var play = $("play"), seek = $("seek"), clock = $("clock"), rate = $("rate"), status = $("status");
  var sentences = [].slice.call(document.querySelectorAll("#text .s"));
  var links = [].slice.call(document.querySelectorAll("#chapters a[data-start]"));
  var starts = sentences.map(function (s) { return +s.dataset.start; });
  var chapterStarts = links.map(function (a) { return +a.dataset.start; });
  var total = +body.dataset.duration;
  var store = "narrate:" + body.dataset.episode;
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var now = -1, chapterNow = -1, frame = 0, savedAt = 0, userScrolledAt = -1e9, ready = false;
  var STEP = 15, EPS = 0.001;

  function remember(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); }
    catch (e) { /* storage off (private window, file policy): nothing to remember */ }
  }
  function recall(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function clockText(t) {
    t = Math.max(0, Math.floor(t));
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  /* The last entry starting at or before t: the sentence stays lit through the pause after it. */
  function lastAtOrBefore(list, t) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= t + EPS) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function mark(list, old, index, attr) {
    if (old >= 0) { list[old].removeAttribute("aria-current"); list[old].classList.remove("now"); }
    if (index >= 0) { list[index].setAttribute("aria-current", attr); list[index].classList.add("now"); }
  }
  function follow(el, always) {
    if (!always && Date.now() - userScrolledAt < 4000) return; // the reader is looking elsewhere
    var box = el.getBoundingClientRect(), top = $("player").getBoundingClientRect().bottom;
    if (box.top < top + 8 || box.bottom > window.innerHeight - 8) {
      el.scrollIntoView({ block: "center", behavior: reduced.matches ? "auto" : "smooth" });
    }
  }
  function update() {
    var t = audio.currentTime, index = lastAtOrBefore(starts, t);
    if (index !== now) {
      mark(sentences, now, index, "true");
      now = index;
      if (index >= 0 && ready) follow(sentences[index], false); // not on load: the reader starts at the top
    }
    var chapter = lastAtOrBefore(chapterStarts, t);
    if (chapter !== chapterNow) { mark(links, chapterNow, chapter, "true"); chapterNow = chapter; }
    var length = isFinite(audio.duration) ? audio.duration : total;
    if (document.activeElement !== seek) seek.value = Math.floor(t);
    seek.max = Math.ceil(length);
    var text = clockText(t) + " / " + clockText(length);
    if (clock.textContent !== text) {
      clock.textContent = text;
      seek.setAttribute("aria-valuetext", clockText(t) + " of " + clockText(length));
    }
    if (!audio.paused && Math.abs(t - savedAt) >= 2) save();
  }
  function loop() { update(); frame = audio.paused ? 0 : window.requestAnimationFrame(loop); }
  function save() { savedAt = audio.currentTime; remember(store, String(savedAt.toFixed(1))); }
  function go(t, start) {
    var length = isFinite(audio.duration) ? audio.duration : total;
    audio.currentTime = Math.min(Math.max(0, t), Math.max(0, length - 0.05));
    update();
    if (start) audio.play().catch(function () { /* the browser wants a gesture first */ });
  }
  function toggle() { if (audio.paused) audio.play().catch(function () {}); else audio.pause(); }
  function sentenceStep(direction) {
    var t = audio.currentTime, index = lastAtOrBefore(starts, t);
    // Back from the middle of a sentence goes to its start; from its start, to the one before.
    if (direction < 0 && index >= 0 && t - starts[index] > 1) go(starts[index], false);
    else go(starts[Math.min(Math.max(index + direction, 0), starts.length - 1)] || 0, false);
  }

  audio.controls = false; // our controls replace the browser's once the script runs
  $("controls").hidden = false;
  $("keys").hidden = false;
  seek.max = Math.ceil(total);

  play.addEventListener("click", toggle);
  $("back").addEventListener("click", function () { go(audio.currentTime - STEP, false); });
  $("forward").addEventListener("click", function () { go(audio.currentTime + STEP, false); });
  seek.addEventListener("input", function () { go(+seek.value, false); });
  rate.addEventListener("change", function () {
    audio.playbackRate = audio.defaultPlaybackRate = +rate.value;
    remember("narrate:rate", rate.value);
  });
  audio.addEventListener("play", function () {
    play.textContent = "Pause";
    if (now >= 0) follow(sentences[now], true); // show where the voice is
    if (!frame) frame = window.requestAnimationFrame(loop);
  });
  audio.addEventListener("pause", function () {
    play.textContent = "Play"; update(); save();
  });
  audio.addEventListener("ended", function () { remember(store, null); });
  ["timeupdate", "seeked", "durationchange"].forEach(function (name) {
    audio.addEventListener(name, update);
  });
  audio.addEventListener("error", function () {
    status.textContent = "The audio file " + audio.getAttribute("src") +
      " could not be played: keep it in the same folder as this page.";
  });
  $("text").addEventListener("click", function (event) {
    var sentence = event.target.closest(".s");
    if (!sentence || String(window.getSelection())) return; // selecting text is not a jump
    go(+sentence.dataset.start, true);
  });
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(+link.dataset.start, true);
    });
  });
  ["wheel", "touchmove"].forEach(function (name) {
    window.addEventListener(name, function () { userScrolledAt = Date.now(); }, { passive: true });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var tag = event.target.tagName, editing = /^(INPUT|SELECT|TEXTAREA)$/.test(tag) ||
      event.target.isContentEditable;
    if (event.key === " " && !editing && !/^(BUTTON|SUMMARY)$/.test(tag)) {
      event.preventDefault(); toggle();
    } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !editing) {
      event.preventDefault();
      var direction = event.key === "ArrowRight" ? 1 : -1;
      if (event.shiftKey) sentenceStep(direction);
      else go(audio.currentTime + direction * STEP, false);
    } else if (/^Page(Up|Down)$|^Arrow(Up|Down)$/.test(event.key)) {
      userScrolledAt = Date.now();
    }
  });
  window.addEventListener("pagehide", function () { if (audio.currentTime > 0) save(); });

  var speed = recall("narrate:rate");
  if (speed && rate.querySelector('option[value="' + speed + '"]')) {
    rate.value = speed;
    audio.playbackRate = audio.defaultPlaybackRate = +speed;
  }
  var resumeAt = +recall(store);
  function resume() {
    var length = isFinite(audio.duration) ? audio.duration : total;
    if (resumeAt > 1 && resumeAt < length - 3) {
      go(resumeAt, false);
      status.textContent = "Resumed at " + clockText(resumeAt) + ".";
      var again = document.createElement("button");
      again.type = "button";
      again.textContent = "Start from the beginning";
      again.addEventListener("click", function () { go(0, false); status.textContent = ""; play.focus(); });
      status.appendChild(document.createTextNode(" "));
      status.appendChild(again);
    }
  }
  update();
  ready = true;
  if (audio.readyState >= 1) resume(); else audio.addEventListener("loadedmetadata", resume, { once: true });
})();
