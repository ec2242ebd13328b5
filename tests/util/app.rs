//! Helpers for the app's UI tests: the laid-out demo wijk, the app on it in a test harness,
//! and clicking as a person does.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wijkweb::app::WijkApp;

use super::Dir;

/// The demo wijk (250 nodes), laid out, in `dir`.
pub fn demo_db(dir: &Dir) -> PathBuf {
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create(&db).unwrap());
    dir.wijkweb("layout").db(&db).ok();
    db
}

/// `app` in a harness the size of a laptop screen, settled.
pub fn harness(app: WijkApp) -> Harness<'static, WijkApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // A fading message or a window that opens takes a few frames to settle; on a
        // loaded machine a few more than egui_kittest's default four.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut WijkApp| app.show(ui), app);
    harness.run();
    harness
}

/// The app on `db`, keeping its settings in `settings`.
pub fn app_on(db: &Path, settings: &Path) -> Harness<'static, WijkApp> {
    let mut app = WijkApp::new(Some(settings.to_path_buf()));
    app.start(Some(db.to_path_buf()), None);
    harness(app)
}

/// Clicks the widget labelled `label`, scrolled into view first as a person would.
pub fn click(harness: &mut Harness<'_, WijkApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Puts `text` into the field labelled `label`: scrolled into view and focused first, as a
/// person clicks into a field before typing.
pub fn put_text(harness: &mut Harness<'_, WijkApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).set_text_value_accesskit(text);
    harness.run();
}
