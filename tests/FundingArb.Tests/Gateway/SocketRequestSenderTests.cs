using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Replay;

namespace FundingArb.Tests.Gateway;

/// <summary>The trading WebSocket's send template: a caller that gives up before its request is armed gets
/// CanceledBeforeSend; an armed request always ends in an answer or a failure saying whether the venue may have it; a full
/// pool refuses before sending; the template's state machine is pooled (every order suspends on its reply); REST signing
/// under the gate does not run for a caller that gave up first.</summary>
public sealed class SocketRequestSenderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private sealed class Nowhere : IPrivateSocketHandler
    {
        public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(new Uri("ws://127.0.0.1:1/"));
        public ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp) { }
        public void OnDisconnected() { }
    }

    private static (SocketRequestSender Sender, PrivateSocket Socket, PendingReplies Pending) Create(int capacity = 4) =>
        Create(new VirtualClock(Start), capacity);

    private static (SocketRequestSender Sender, PrivateSocket Socket, PendingReplies Pending) Create(VirtualClock clock, int capacity = 4)
    {
        var socket = new PrivateSocket(new Nowhere(), new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(1)), clock,
            TimeSpan.FromSeconds(15));
        var pending = new PendingReplies(capacity);
        return (new SocketRequestSender(socket, pending, clock, TimeSpan.FromSeconds(5), "busy; not sent"u8, "down; not sent"u8, "unknown"u8,
            "late"u8),
            socket, pending);
    }

    private static ReadOnlyMemory<byte> Frame(int state, long id) => "{}"u8.ToArray();

    [Theory]
    [InlineData(false)] // no connection: not a byte written
    [InlineData(true)] // the venue's frame writer threw
    public async Task A_request_never_written_fails_not_sent_and_frees_its_slot(bool writerThrows)
    {
        var (sender, socket, pending) = Create();
        await using var link = socket;
        var report = await sender.SendAsync(writerThrows, static (throws, id) =>
            throws ? throw new InvalidOperationException("no frame") : Frame(0, id), CancellationToken.None);
        Assert.Equal(ExecutionErrorKind.Disconnected, report.Error.Kind);
        Assert.Equal("down; not sent", System.Text.Encoding.UTF8.GetString(report.Error.MessageUtf8));
        Assert.Equal(0, pending.InFlight);
    }

    [Fact]
    public async Task A_caller_that_gave_up_before_the_gate_is_canceled_before_send()
    {
        var (sender, socket, _) = Create();
        await using var link = socket;
        await sender.Gate.WaitAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var send = sender.SendAsync(0, static (s, id) => Frame(s, id), cts.Token);
        await cts.CancelAsync();
        var report = await send;
        sender.Gate.Release();
        Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, report.Error.Kind);
    }

    [Fact]
    public async Task A_full_pool_refuses_before_sending()
    {
        var (sender, socket, pending) = Create(capacity: 1);
        await using var link = socket;
        Assert.True(pending.TryArm(1, long.MaxValue, out _)); // the next id (1) finds its slot busy
        var report = await sender.SendAsync(0, static (s, id) => Frame(s, id), CancellationToken.None);
        Assert.Equal(ExecutionErrorKind.RateLimited, report.Error.Kind);
        Assert.Equal("busy; not sent", System.Text.Encoding.UTF8.GetString(report.Error.MessageUtf8));
    }

    [Fact]
    public async Task The_sweep_times_out_requests_past_their_deadline_and_tells_the_venue_how_many()
    {
        var clock = new VirtualClock(Start);
        var (sender, socket, pending) = Create(clock);
        await using var link = socket;
        await using var sweep = sender;
        var late = 0;
        sender.StartTimeoutSweep(failed => late += failed);
        Assert.True(pending.TryArm(1, clock.GetTimestamp() + clock.TimestampFrequency / 2, out var reply));
        clock.Advance(TimeSpan.FromSeconds(1));
        var report = await reply.Task;
        Assert.Equal(ExecutionErrorKind.Timeout, report.Error.Kind);
        Assert.Equal("late", System.Text.Encoding.UTF8.GetString(report.Error.MessageUtf8));
        Assert.Equal(1, late);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, late); // nothing late: the venue is not told
    }

    [Fact]
    public async Task Work_under_the_gate_runs_there_unless_the_caller_gave_up_first()
    {
        var (sender, socket, _) = Create();
        await using var link = socket;
        var (entered, written) = await sender.UnderGateAsync(21, static s => s * 2, CancellationToken.None);
        Assert.True(entered);
        Assert.Equal(42, written);
        Assert.Equal(1, sender.Gate.CurrentCount); // released

        await sender.Gate.WaitAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var waiting = sender.UnderGateAsync<int, int>(21, static _ => throw new InvalidOperationException("must not run"), cts.Token);
        await cts.CancelAsync();
        Assert.False((await waiting).Entered);
        sender.Gate.Release();
    }

    [Fact]
    public void The_send_template_pools_its_state_machine()
    {
        var info = typeof(SocketRequestSender).GetMethod(nameof(SocketRequestSender.SendAsync))!;
        var builder = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Runtime.CompilerServices.AsyncMethodBuilderAttribute>(info);
        Assert.Equal(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>), builder?.BuilderType);
    }
}
