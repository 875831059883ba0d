using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// Watches the host's live stream (<c>GET /api/live?bbox=</c>, Server-Sent Events) for the probe
/// stations' box: each <c>twin</c> event names the asset and the reading time of its latest
/// values, so its arrival time minus the reading's publish time is the publish → twin latency as
/// an operator's dashboard sees it (twin updated, event relayed, serialised and sent over HTTP).
/// </summary>
public sealed class LiveStreamWatcher : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private LiveStreamWatcher(Uri host, string apiKey, string bbox)
    {
        _http = new HttpClient { BaseAddress = host, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _reading = ReadAsync("api/live?bbox=" + bbox);
    }

    /// <summary>Where arrivals are recorded; swapped between runs.</summary>
    public LatencyRecorder? Recorder { get; set; }

    /// <summary>Opens the stream and waits until the host says the subscription is in place.</summary>
    public static async Task<LiveStreamWatcher> OpenAsync(Uri host, string apiKey, string bbox, TimeSpan timeout)
    {
        var watcher = new LiveStreamWatcher(host, apiKey, bbox);
        if (await Task.WhenAny(watcher._subscribed.Task, watcher._reading, Task.Delay(timeout)) != watcher._subscribed.Task)
        {
            await watcher.DisposeAsync();
            throw new TimeoutException("the live stream did not confirm its subscription within " + timeout);
        }

        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        string? eventName = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            if (line == ": subscribed")
            {
                _subscribed.TrySetResult();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "twin" && Recorder is { } recorder)
            {
                using var data = JsonDocument.Parse(line["data: ".Length..]);
                var asset = data.RootElement.GetProperty("asset").GetString()!;
                foreach (var latest in data.RootElement.GetProperty("latest").EnumerateObject())
                {
                    recorder.RecordSeen(LatencyRecorder.Twin, asset, latest.Value.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds(), arrivedAt);
                }
            }
            else if (line.Length == 0)
            {
                eventName = null;
            }
        }
    }
}
