namespace UrbanTwin.Dashboard.Bench;

/// <summary>Counts the <c>twin</c> events of <c>GET /api/live</c>, as a second dashboard would receive them.</summary>
internal sealed class LiveCounter(HttpClient admin) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _reading;
    private long _twins;

    public long Twins => Interlocked.Read(ref _twins);

    public void Start() => _reading = ReadAsync(_stop.Token);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/live", UriKind.Relative));
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: twin")
            {
                Interlocked.Increment(ref _twins);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_reading is not null)
            {
                await _reading;
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }
}
