using System.Net;
using System.Text;
using System.Threading.Channels;

namespace UrbanTwin.TestSupport.Live;

/// <summary>
/// Reads a Server-Sent Events stream as a browser's EventSource would (events and comments), over
/// a real HTTP connection: it opens the stream, reads it in the background, waits for the hub's
/// <c>: subscribed</c> comment, and keeps every event and comment waited through for later assertions.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Channel<(ServerSentEvent? Event, string? Comment)> _arrived = Channel.CreateUnbounded<(ServerSentEvent?, string?)>();
    private readonly List<ServerSentEvent> _events = [];
    private readonly List<string> _comments = [];
    private readonly Task _pump;

    private EventStreamClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _pump = PumpAsync(new StreamReader(body, Encoding.UTF8));
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Every event waited through so far, in order.</summary>
    public IReadOnlyList<ServerSentEvent> Events => _events;

    /// <summary>Every comment line waited through so far (without the colon).</summary>
    public IReadOnlyList<string> Comments => _comments;

    /// <summary>Opens the stream; when it answers 200, waits until the hub says the subscription is in place.</summary>
    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c>, as EventSource does when it reconnects.</param>
    public static async Task<EventStreamClient> OpenAsync(HttpClient client, string path, TimeSpan timeout, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = new EventStreamClient(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            await stream.WaitForCommentAsync("subscribed", timeout);
        }

        return stream;
    }

    /// <summary>Reads on until an event matching <paramref name="match"/> arrives (or one already read matches).</summary>
    public async Task<ServerSentEvent> WaitForAsync(Func<ServerSentEvent, bool> match, TimeSpan timeout)
    {
        if (_events.FirstOrDefault(match) is { } seen)
        {
            return seen;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            if (await NextAsync(timeout, cts.Token) is { } e && match(e))
            {
                return e;
            }
        }
    }

    public async Task WaitForCommentAsync(string comment, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var start = _comments.Count;
        while (!_comments.Skip(start).Contains(comment))
        {
            await NextAsync(timeout, cts.Token);
        }
    }

    /// <summary>The next event, or null after a comment.</summary>
    private async Task<ServerSentEvent?> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var (e, comment) = await _arrived.Reader.ReadAsync(cancellationToken);
            if (e is not null)
            {
                _events.Add(e);
            }
            else
            {
                _comments.Add(comment!);
            }

            return e;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing expected within {timeout.TotalSeconds:0.#} s; read so far: {string.Join(" | ", _events)}");
        }
        catch (ChannelClosedException ex)
        {
            throw new EndOfStreamException($"the stream ended; read so far: {string.Join(" | ", _events)}", ex.InnerException);
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        using (reader)
        {
            string? name = null;
            string? id = null;
            var data = new StringBuilder();
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith(':'))
                    {
                        _arrived.Writer.TryWrite((null, line[1..].Trim()));
                    }
                    else if (line.Length == 0 && (name is not null || data.Length > 0))
                    {
                        var e = new ServerSentEvent(name ?? "message", data.ToString(), id);
                        (name, id, data) = (null, null, data.Clear());
                        _arrived.Writer.TryWrite((e, null));
                    }
                    else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = line["id: ".Length..];
                    }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        name = line["event: ".Length..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data.Append(line["data: ".Length..]);
                    }
                }

                _arrived.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _arrived.Writer.TryComplete(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _response.Dispose();
        _stop.Dispose();
    }
}
