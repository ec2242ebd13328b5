//! The `wijkweb` binary: parses the command line and runs it, or opens the app window (the
//! one place where the command line and the app meet).

fn main() -> std::process::ExitCode {
    // Everything wijkweb writes (the wijk, its backups, exports, pictures, settings) is the
    // makelaar's own: files 0600, folders 0700, whatever the login's default.
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file mode mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    wijkweb::cli::main(std::env::args_os(), Some(wijkweb::app::run))
}
