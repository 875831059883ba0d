using UrbanTwin.Gateway;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.TwinApi;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Alerts;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.Dashboard;
using UrbanTwin.TwinApi.DigitalTwins;
using UrbanTwin.TwinApi.History;
using UrbanTwin.TwinApi.Live;
using UrbanTwin.TwinApi.OpenData;
using UrbanTwin.TwinApi.Reference;
using UrbanTwin.TwinApi.Simulation;
using UrbanTwin.TwinApi.Spatial;

// Settings and content (appsettings.json) come from beside the host's assembly, wherever it is
// started from: `dotnet path/to/UrbanTwin.TwinApi.dll` from another directory would otherwise run
// without them (Polly logging every grain placement at Information, for one). Relative paths in
// settings, such as Storage:DataDirectory, stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseDefaultUrls();

builder.AddServiceDefaults();
builder.AddUrbanTwinSilo();
builder.AddUrbanTwinGateway();
builder.AddTwinApi();
builder.AddFleetSimulation(args);

var app = builder.Build();

app.UseTwinApi();
app.MapDefaultEndpoints(metricsPolicy: AccessPolicies.Metrics);
app.MapApiReference();
app.UseDashboard();
app.MapAssetsApi();
app.MapAreasApi();
app.MapSpatialApi();
app.MapAccessApi();
app.MapSessionApi();
app.MapAuditApi();
app.MapOpenDataApi();
app.MapHistoryApi();
app.MapAlertsApi();
app.MapLiveApi();
app.MapDigitalTwinsApi();

app.Run();
