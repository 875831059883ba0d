using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Live;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.Live;

/// <summary>
/// A live stream as Server-Sent Events (<c>text/event-stream</c>): a <c>: subscribed</c> comment
/// once the subscription is in place, then <c>event: twin</c> (<see cref="LiveTwinEvent"/>),
/// <c>event: alert</c> (the alert) and, after events were dropped because the client read too
/// slowly, <c>event: lagged</c> (<see cref="LaggedNote"/>); a <c>: keep-alive</c> comment every
/// heartbeat. It ends when the client goes. Twin and alert events carry an <c>id:</c>; a client
/// that reconnects with <c>Last-Event-ID</c> (as a browser's EventSource does) first gets the
/// events it missed, or <c>event: reset</c> (<see cref="ResetNote"/>) when the node no longer has
/// them (another node's id, a restart, or too long away): it should then read the twins again.
/// </summary>
public sealed class LiveEventStream(LiveFeed feed, LiveFilter filter, TimeSpan heartbeat, string? lastEventId = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var time = services.GetRequiredService<TimeProvider>();
        var cancellation = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var subscription = feed.Subscribe(filter, lastEventId);
        var output = response.BodyWriter;
        using var json = new Utf8JsonWriter(output, ApiJson.WriterOptions);
        using var timer = new PeriodicTimer(heartbeat, time);
        output.Write(": subscribed\n\n"u8);
        if (subscription.Gap)
        {
            Write(output, json, "reset"u8, null, new ResetNote("the events after the given Last-Event-ID are no longer kept by this node; read the twins again"), options);
        }

        foreach (var missed in subscription.Replay)
        {
            WriteEvent(output, json, missed, options);
        }

        try
        {
            var tick = timer.WaitForNextTickAsync(cancellation).AsTask();
            Task<bool>? ready = null;
            while (!(await output.FlushAsync(cancellation)).IsCompleted)
            {
                ready ??= subscription.Events.WaitToReadAsync(cancellation).AsTask();
                if (await Task.WhenAny(ready, tick) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    output.Write(": keep-alive\n\n"u8);
                    tick = timer.WaitForNextTickAsync(cancellation).AsTask();
                    continue;
                }

                if (!await ready)
                {
                    return;
                }

                ready = null;
                if (subscription.TakeDropped() is var dropped and > 0)
                {
                    Write(output, json, "lagged"u8, null, new LaggedNote(dropped), options);
                }

                while (subscription.Events.TryRead(out var e))
                {
                    WriteEvent(output, json, e, options);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // the client went away
        }
    }

    private void WriteEvent(PipeWriter output, Utf8JsonWriter json, SequencedLiveEvent numbered, JsonSerializerOptions options)
    {
        var e = numbered.Event;
        if (e.Twin is { } change)
        {
            Write(output, json, "twin"u8, feed.IdOf(numbered), ViewOf(e, change), options);
        }
        else if (e.Alert is { } alert)
        {
            Write(output, json, "alert"u8, feed.IdOf(numbered), alert, options);
        }
    }

    private static void Write<T>(PipeWriter output, Utf8JsonWriter json, ReadOnlySpan<byte> name, string? id, T data, JsonSerializerOptions options)
    {
        if (id is not null)
        {
            output.Write("id: "u8);
            Encoding.UTF8.GetBytes(id, output);
            output.Write("\n"u8);
        }

        output.Write("event: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        json.Reset();
        JsonSerializer.Serialize(json, data, options);
        output.Write("\n\n"u8);
    }

    private static LiveTwinEvent ViewOf(LiveEvent e, TwinChange change)
    {
        var units = e.Kind is { } kind ? TwinView.UnitsOf(kind) : null;
        var latest = new Dictionary<string, TwinView.LatestValue>(change.Latest.Count, StringComparer.Ordinal);
        foreach (var value in change.Latest)
        {
            latest[value.Field] = new TwinView.LatestValue(value.Value, units?.GetValueOrDefault(value.Field), DateTimeOffset.FromUnixTimeMilliseconds(value.TimestampMs));
        }

        return new LiveTwinEvent(e.AssetId, e.Kind, e.AreaId, change.Status, latest, change.Band);
    }
}
