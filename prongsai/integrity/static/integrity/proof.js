// Proof of work for the corruption complaint form (see prongsai/integrity/proof.py): find a nonce so that
// SHA-256(challenge + nonce) starts with the number of zero bits the challenge asks for. Work starts when
// the page opens, while the person writes; a submit before it is done waits for it. Without
// crypto.subtle (an old browser, a page not served over HTTPS) the form is sent without a nonce and the
// server applies the stricter allowance for browsers without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form[data-proof]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) { return; }
  var challenge = form.querySelector("input[name=challenge]");
  var nonceInput = form.querySelector("input[name=nonce]");
  var status = document.getElementById("proof-status");
  if (!challenge || !nonceInput || !challenge.value) { return; }
  var bits = 14;
  try {
    // The payload of a Django signed value is base64 JSON before the first ":".
    var payload = JSON.parse(atob(challenge.value.split(":")[0].replace(/-/g, "+").replace(/_/g, "/")));
    if (typeof payload.b === "number") { bits = payload.b; }
  } catch (e) { /* keep the default */ }
  var encoder = new TextEncoder();
  var done = false;
  var waiting = false;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer);
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { count += 1; b <<= 1; }
      return count;
    }
    return count;
  }

  function search(start) {
    var batch = [];
    for (var n = start; n < start + 256; n++) {
      batch.push(window.crypto.subtle.digest("SHA-256", encoder.encode(challenge.value + n)));
    }
    return Promise.all(batch).then(function (digests) {
      for (var i = 0; i < digests.length; i++) {
        if (zeroBits(digests[i]) >= bits) { return start + i; }
      }
      return search(start + 256);
    });
  }

  var work = search(0).then(function (nonce) {
    nonceInput.value = String(nonce);
    done = true;
    if (waiting) { form.submit(); }
  });

  form.addEventListener("submit", function (event) {
    if (done) { return; }
    event.preventDefault();
    waiting = true;
    if (status) { status.textContent = form.getAttribute("data-proof-wait") || "กำลังเตรียมส่งเรื่องอย่างปลอดภัย โปรดรอสักครู่…"; }
    work.catch(function () { form.submit(); });
  });
})();
