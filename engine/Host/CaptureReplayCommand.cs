using System.Text;
using FundingArb.Decision;
using FundingArb.Replay;

namespace FundingArb.Host;

/// <summary>The replay mode's input and output: the capture file in, decision records to a file (or standard output),
/// problems and a summary to standard error.</summary>
internal static class CaptureReplayCommand
{
    public static int Run(FileInfo capture, FileInfo? decisionsFile, TextWriter output, TextWriter errors)
    {
        using var input = capture.OpenText();
        if (input.Peek() is var first && first >= 0 && first != '{' && !char.IsWhiteSpace((char)first))
        {
            errors.WriteLine($"funding-arb replay: {capture.Name} is not a capture in its text form (JSON Lines, one " +
                             "{\"t\",\"venue\",\"frame\"} object per line); the compact binary form arrives with the capture mode.");
            return ExitCode.Usage;
        }
        var toStandardOutput = decisionsFile is null;
        using Stream records = toStandardOutput ? new MemoryStream() : decisionsFile!.Create();
        using var replay = new CaptureReplay(DecisionConfig.Default, records, errors);
        replay.Run(input);
        if (toStandardOutput)
        {
            var buffer = (MemoryStream)records;
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        var core = replay.Core;
        var summary = new StringBuilder()
            .Append($"funding-arb replay: {replay.Lines} lines ({replay.RefusedLines} refused); frames: {replay.FramesReceived} received, ")
            .Append($"{replay.FramesMalformed} malformed, {replay.FramesDropped} dropped; {core.EventsApplied} events, ")
            .Append($"{core.Evaluations} pair evaluations, {core.RecordsWritten} decision records, {core.IntentsSent} would open");
        foreach (var reason in RejectReasonCode.All)
            if (core.Rejections(reason) is var n and > 0) summary.Append($"; {RejectReasonCode.Of(reason)} {n}");
        errors.WriteLine(summary.Append('.').ToString());
        return ExitCode.Ok;
    }
}
