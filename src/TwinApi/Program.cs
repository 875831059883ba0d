using UrbanTwin.Gateway;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TwinApi;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Alerts;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.Health;
using UrbanTwin.TwinApi.History;
using UrbanTwin.TwinApi.Live;
using UrbanTwin.TwinApi.OpenData;
using UrbanTwin.TwinApi.Reference;
using UrbanTwin.TwinApi.Simulation;
using UrbanTwin.TwinApi.Spatial;

var builder = WebApplication.CreateBuilder(args);

builder.AddUrbanTwinSilo();
builder.AddUrbanTwinGateway();
builder.AddTwinApi();
builder.AddFleetSimulation(args);

var app = builder.Build();

app.UseTwinApi();
app.MapHealthEndpoints();
app.MapApiReference();
app.MapAssetsApi();
app.MapAreasApi();
app.MapSpatialApi();
app.MapAccessApi();
app.MapAuditApi();
app.MapOpenDataApi();
app.MapHistoryApi();
app.MapAlertsApi();
app.MapLiveApi();

app.Run();
