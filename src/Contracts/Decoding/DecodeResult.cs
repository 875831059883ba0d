using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// The outcome of decoding one message: the accepted readings (or request, or status) and one
/// error per rejected message or reading, in payload order. Reusable: a caller keeps one per
/// worker and the decoder resets it, so decoding a reading allocates nothing.
/// </summary>
public sealed class DecodeResult
{
    private readonly Reading[] _readings;
    private readonly List<ContractError> _errors = [];
    private int _count;

    public DecodeResult()
        : this(500)
    {
    }

    public DecodeResult(int capacity)
    {
        _readings = new Reading[capacity];
    }

    public ReadOnlySpan<Reading> Readings => _readings.AsSpan(0, _count);

    public PriorityRequest? Request { get; private set; }

    public DeviceStatus? Status { get; private set; }

    public IReadOnlyList<ContractError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Reset()
    {
        _count = 0;
        _errors.Clear();
        Request = null;
        Status = null;
    }

    /// <summary>Drops everything accepted so far and keeps only <paramref name="error"/>.</summary>
    public void RejectWhole(ContractError error)
    {
        Reset();
        _errors.Add(error);
    }

    public void AddError(ContractError error) => _errors.Add(error);

    internal bool TryAdd(in Reading reading)
    {
        if (_count == _readings.Length)
        {
            return false;
        }

        _readings[_count++] = reading;
        return true;
    }

    internal void SetRequest(PriorityRequest request) => Request = request;

    internal void SetStatus(DeviceStatus status) => Status = status;
}
