//! The `wijkweb` binary: parses the command line and runs it.

fn main() -> std::process::ExitCode {
    wijkweb::cli::main(std::env::args_os())
}
