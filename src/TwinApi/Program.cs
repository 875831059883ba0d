using UrbanTwin.Gateway;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TwinApi.Health;

var builder = WebApplication.CreateBuilder(args);

builder.AddUrbanTwinSilo();
builder.AddUrbanTwinGateway();
builder.Services.AddProblemDetails();
builder.Services.AddTwinHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();

app.Run();
