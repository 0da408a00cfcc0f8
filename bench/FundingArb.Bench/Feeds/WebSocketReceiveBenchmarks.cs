using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Websocket.Client;

namespace FundingArb.Bench.Feeds;

/// <summary>Receiving market-data frames over a loopback WebSocket: <c>Websocket.Client</c> (Rx, reconnecting, one
/// message object per frame) against <c>ClientWebSocket</c> receiving into one pooled buffer, as the engine's feeds do.</summary>
/// <remarks>Each invocation asks the server for <see cref="Frames"/> frames and waits for all of them; allocation is
/// counted on every thread (the library receives on its own), so B/op is bytes per frame.</remarks>
[MemoryDiagnoser]
public class WebSocketReceiveBenchmarks
{
    private const int Frames = 20_000;
    private static readonly byte[] Request = Encoding.ASCII.GetBytes(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private LoopbackFrameServer _server = null!;
    private WebsocketClient _library = null!;
    private ClientWebSocket _raw = null!;
    private byte[] _buffer = null!;
    private SemaphoreSlim _libraryDone = null!;
    private int _libraryReceived;
    private long _checksum;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await LoopbackFrameServer.StartAsync();
        _libraryDone = new SemaphoreSlim(0);
        _library = new WebsocketClient(_server.Uri) { ReconnectTimeout = null };
        _library.MessageReceived.Subscribe(message =>
        {
            _checksum += message.Text?.Length ?? 0; // what a consumer of the library gets: a string per frame
            if (++_libraryReceived == Frames)
            {
                _libraryReceived = 0;
                _libraryDone.Release();
            }
        });
        await _library.StartOrFail();
        _raw = new ClientWebSocket();
        await _raw.ConnectAsync(_server.Uri, CancellationToken.None);
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _library.Dispose();
        _raw.Abort();
        _raw.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames, Description = "Websocket.Client (string per frame)")]
    public async Task WebsocketClientLibrary()
    {
        _library.Send(Request);
        await _libraryDone.WaitAsync();
    }

    [Benchmark(OperationsPerInvoke = Frames, Description = "ClientWebSocket + pooled buffer")]
    public async Task ClientWebSocketPooled()
    {
        await _raw.SendAsync(Request, WebSocketMessageType.Text, true, CancellationToken.None);
        var received = 0;
        var filled = 0;
        while (received < Frames)
        {
            var result = await _raw.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
            filled += result.Count;
            if (!result.EndOfMessage) continue;
            _checksum += filled; // the engine parses the span here
            filled = 0;
            received++;
        }
    }
}
