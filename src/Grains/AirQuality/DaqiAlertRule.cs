namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// When a change of a station's overall DAQI band raises or clears its alert. High is where Defra's
/// health advice starts telling people at risk to cut down outdoor exertion, so that is the
/// threshold. A rise within High and above (High to Very High) raises again, because the advice
/// tightens; losing data clears nothing, because the air has not been shown to improve.
/// </summary>
public static class DaqiAlertRule
{
    /// <param name="previous">The band last assessed, or null when there was no assessment.</param>
    /// <param name="current">The band now, or null when there is too little data.</param>
    public static DaqiAlertAction Evaluate(DaqiBand? previous, DaqiBand? current)
    {
        if (current >= DaqiBand.High && (previous is null || previous < current))
        {
            return DaqiAlertAction.Raise;
        }

        return previous >= DaqiBand.High && current < DaqiBand.High ? DaqiAlertAction.Clear : DaqiAlertAction.None;
    }
}
