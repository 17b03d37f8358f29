//! The web UI end to end, in headless Chromium driven by Playwright (`tests/ui/e2e.mjs`),
//! against a real server over `examples/corpus`.
//!
//! Needs Debian's `/usr/bin/chromium` and `tests/ui/node_modules` (`bash .ci/setup-ui` installs
//! both). Set `STORYLINE_SKIP_UI_TESTS=1` to skip where they can't be had, and
//! `STORYLINE_SCREENSHOTS=docs/screenshots` (relative to the workspace root) to save screenshots
//! of the main pages.

mod common;

use std::path::Path;
use std::process::Command;

const SETUP_HINT: &str = "UI tests need Chromium and playwright-core: run `bash .ci/setup-ui` \
                          (or set STORYLINE_SKIP_UI_TESTS=1 to skip them)";

#[test]
fn web_ui_end_to_end() {
    let ui_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let missing: Vec<&str> = [
        (!Path::new("/usr/bin/chromium").exists()).then_some("/usr/bin/chromium"),
        (!ui_dir.join("node_modules/playwright-core").exists())
            .then_some("tests/ui/node_modules/playwright-core"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        if std::env::var("STORYLINE_SKIP_UI_TESTS").as_deref() == Ok("1") {
            eprintln!("skipped: STORYLINE_SKIP_UI_TESTS=1 and missing {missing:?}");
            return;
        }
        panic!("{SETUP_HINT}; missing: {}", missing.join(", "));
    }

    let base = common::start(
        common::archive_with("ui-corpus", common::corpus()),
        Default::default(),
    );
    let screenshots = std::env::var("STORYLINE_SCREENSHOTS")
        .ok()
        .filter(|d| !d.is_empty())
        .map(|d| common::workspace_root().join(d));

    let mut node = Command::new("node");
    node.current_dir(&ui_dir).arg("e2e.mjs").arg(&base);
    if let Some(dir) = &screenshots {
        node.arg(dir);
    }
    let out = node.output().expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    assert!(
        out.status.success(),
        "e2e.mjs failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}
