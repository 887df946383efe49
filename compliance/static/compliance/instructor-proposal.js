// The offer form proposes the round's instructor from the enterprise's region (分片包干): when
// the clerk chooses the enterprise, the instructors covering its region move to the top of the
// instructor chooser, and the only one is chosen; several are listed first, none chosen. Once the
// clerk chooses an instructor themselves, a later change of enterprise only reorders the list.
// The proposals come from the server (data-proposals: region code -> {first: [ids], proposed:
// id or null}, compliance/selectors/instructors.py); a file, since the portal's security policy
// forbids inline scripts.
(function () {
  "use strict";

  function propose(select, enterprise, proposals, original, choose) {
    var option = enterprise.options[enterprise.selectedIndex];
    var region = option ? option.getAttribute("data-region") : null;
    // An enterprise assigned to an instructor by name proposes that instructor first.
    var assigned = option ? option.getAttribute("data-assigned") : null;
    var proposal = assigned
      ? { first: [assigned], proposed: assigned }
      : (region && proposals[region]) || { first: [], proposed: null };
    var first = proposal.first.map(String);
    var byValue = {};
    original.forEach(function (item) {
      byValue[item.value] = item;
    });
    var ordered = original.filter(function (item) {
      return item.value === "";
    });
    first.forEach(function (value) {
      if (byValue[value]) ordered.push(byValue[value]);
    });
    original.forEach(function (item) {
      if (item.value !== "" && first.indexOf(item.value) < 0) ordered.push(item);
    });
    var chosen = select.value;
    ordered.forEach(function (item) {
      select.appendChild(item);
    });
    select.value = choose ? (proposal.proposed === null ? "" : String(proposal.proposed)) : chosen;
  }

  function start() {
    document.querySelectorAll("select[data-proposals]").forEach(function (select) {
      var enterprise = document.getElementById(select.getAttribute("data-proposal-from"));
      if (!enterprise) return;
      var proposals = JSON.parse(select.getAttribute("data-proposals"));
      var original = Array.prototype.slice.call(select.options);
      // A form sent back to be corrected keeps the instructor chosen (or left empty on purpose).
      var chosenByClerk = select.hasAttribute("data-chosen");
      select.addEventListener("change", function () {
        chosenByClerk = true;
      });
      enterprise.addEventListener("change", function () {
        propose(select, enterprise, proposals, original, !chosenByClerk);
      });
      propose(select, enterprise, proposals, original, false);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
