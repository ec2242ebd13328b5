//! The `wijkweb` binary: parses the command line and runs it, or opens the app window (the
//! one place where the command line and the app meet).

// On Windows the app is a window program: started from the menu or a double-clicked file
// it opens no console window. Run from a terminal, it writes to that terminal (below).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // Everything wijkweb writes (the wijk, its backups, exports, pictures, settings) is the
    // makelaar's own: files 0600, folders 0700, whatever the login's default.
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file mode mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    // A window program has no console of its own: when started from one (cmd, PowerShell),
    // its output goes to that console, so `wijkweb stats` prints there. From the menu there
    // is none to attach to, and nothing is printed.
    #[cfg(windows)]
    // SAFETY: AttachConsole takes a process id constant and touches no memory of ours.
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(
            windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS,
        );
    }
    // The support log (no personal data in it); wijkweb runs without one where it cannot
    // be written.
    if let Some(dir) = wijkweb::diagnostics::log_dir() {
        wijkweb::diagnostics::start(&dir);
    }
    wijkweb::cli::main(std::env::args_os(), Some(wijkweb::app::run))
}
