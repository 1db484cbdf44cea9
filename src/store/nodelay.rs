//! TCP_NODELAY on the PostgreSQL connections' sockets.
//!
//! sqlx 0.9.0 no longer sets it (transact-rs/sqlx#4335, after #4022), so
//! Nagle's algorithm holds back the tail of any message longer than one
//! TCP segment until the server's delayed ACK: 40 ms added to a statement
//! with a large parameter (measured: a scheduler batch's 64 kB update took
//! 45 ms against 1 ms in psql). sqlx gives no handle on its socket, so the
//! connection asks the server for its own port, and the process's socket
//! with that local port and the server's port gets the option. Best effort:
//! where it cannot be found (not Linux, a Unix socket) nothing changes.

use sqlx::{Any, AnyConnection, Row};

/// Sets TCP_NODELAY on the socket of `conn`, a fresh PostgreSQL connection.
pub(super) async fn set(conn: &mut AnyConnection, server_port: u16) {
    let port = match sqlx::query::<Any>("SELECT CAST(inet_client_port() AS BIGINT)")
        .fetch_one(&mut *conn)
        .await
    {
        Ok(row) => row.try_get::<Option<i64>, _>(0).ok().flatten(),
        Err(_) => None,
    };
    // NULL over a Unix socket: no Nagle there.
    if let Some(port) = port.and_then(|p| u16::try_from(p).ok()) {
        on_socket(port, server_port);
    }
}

#[cfg(target_os = "linux")]
fn on_socket(local_port: u16, server_port: u16) {
    use std::os::fd::BorrowedFd;
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else {
        return;
    };
    for entry in fds.flatten() {
        let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if !std::fs::read_link(entry.path()).is_ok_and(|l| l.to_string_lossy().starts_with("socket:")) {
            continue;
        }
        // SAFETY: the descriptor is open (listed just now) and only
        // borrowed for the calls below; it is neither closed nor kept.
        let fd = unsafe { BorrowedFd::borrow_raw(fd) };
        let sock = socket2::SockRef::from(&fd);
        let ours = |a: std::io::Result<socket2::SockAddr>, port: u16| {
            a.ok().and_then(|a| a.as_socket()).is_some_and(|a| a.port() == port)
        };
        if ours(sock.local_addr(), local_port) && ours(sock.peer_addr(), server_port) {
            if let Err(e) = sock.set_tcp_nodelay(true) {
                tracing::debug!("TCP_NODELAY on the database socket: {e}");
            }
            return;
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn on_socket(_local_port: u16, _server_port: u16) {}
