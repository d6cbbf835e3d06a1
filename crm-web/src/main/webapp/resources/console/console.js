// The console's keyboard shortcut: "/" (outside a text field) or Ctrl/Cmd+K focuses the global search box.
document.addEventListener("keydown", function (event) {
    var box = document.getElementById("globalSearch");
    if (!box) {
        return;
    }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === "k" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !typing)) {
        event.preventDefault();
        box.focus();
        box.select();
    }
});
