// Node-RED settings for the end-to-end benchmark (bench/e2e.sh): headless (no editor, no
// dashboard), loopback only, nothing installed or fetched at run time, no telemetry. The flow's
// ports and database come from environment variables the benchmark sets (${UT_...} in flow.json).
module.exports = {
    uiHost: "127.0.0.1",
    httpAdminRoot: false,
    httpNodeRoot: false,
    credentialSecret: false,
    flowFilePretty: true,
    diagnostics: { enabled: false },
    telemetry: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    logging: { console: { level: "info", metrics: false, audit: false } },
    functionExternalModules: false,
};
