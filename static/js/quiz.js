// The quiz timer: counts down from the time the server gave, lets the student hide
// it, warns once a minute before the end, and submits the attempt when time is up.
// The server keeps the real deadline; this only keeps the student informed.
(function () {
  "use strict";
  const timer = document.querySelector(".timer");
  if (!timer) return;
  const clock = timer.querySelector(".timer-clock");
  const text = timer.querySelector(".timer-text");
  const toggle = timer.querySelector(".timer-toggle");
  const warning = timer.querySelector(".timer-warning");
  const form = document.getElementById(timer.dataset.submitForm);
  const endsAt = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
  let warned = false;

  function format(seconds) {
    const m = Math.floor(seconds / 60);
    const s = String(seconds % 60).padStart(2, "0");
    return `${m}:${s}`;
  }

  function tick() {
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    clock.textContent = format(left);
    if (left <= 60 && !warned) {
      warned = true;
      warning.textContent = "One minute left. Your answers are saved; the attempt is submitted when time runs out.";
      warning.classList.remove("visually-hidden");
      text.hidden = false;
    }
    if (left === 0) {
      window.clearInterval(interval);
      form.submit();
    }
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    const hide = !text.hidden;
    text.hidden = hide;
    toggle.textContent = hide ? "Show timer" : "Hide timer";
    toggle.setAttribute("aria-pressed", String(hide));
  });
  const interval = window.setInterval(tick, 1000);
  tick();
})();
