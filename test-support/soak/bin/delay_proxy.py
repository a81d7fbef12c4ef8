#!/usr/bin/env python3
"""A tiny TCP proxy for the benchmark: it delays each chunk the client sends by D before
forwarding it, so every HTTP request through it (one chunk for a GET) costs D, pooled
connection or not. SIGUSR1 switches it to "hang": it keeps accepting connections and reading
requests, and never answers, like a stuck proxy. SIGUSR2 switches back.

    delay_proxy.py LISTEN_PORT TARGET_PORT DELAY_MS
"""
import asyncio
import signal
import sys

listen_port, target_port, delay = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
hanging = False


async def pump(reader, writer, delayed):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if delayed:
                await asyncio.sleep(delay)
            while hanging:
                await asyncio.sleep(0.1)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    if hanging:
        # Read and swallow whatever comes, answer nothing, keep the connection open.
        try:
            while await client_reader.read(65536):
                pass
        except ConnectionError:
            pass
        client_writer.close()
        return
    try:
        target_reader, target_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, target_writer, True), pump(target_reader, client_writer, False))


def set_hanging(value):
    global hanging
    hanging = value


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, set_hanging, True)
    loop.add_signal_handler(signal.SIGUSR2, set_hanging, False)
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port, backlog=512)
    async with server:
        await server.serve_forever()


asyncio.run(main())
