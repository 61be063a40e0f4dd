// A RIG npm pack for the CLI tests. Its settings (packs.<id> in rig.yaml) reach it in RIG_PACK_SETTINGS:
// with {"extra": true} it serves a second tool, which is how a test makes a pack's tools change.
"use strict";

const settings = JSON.parse(process.env.RIG_PACK_SETTINGS || "{}");

const OBJECT = { type: "object", properties: { message: { type: "string" } }, required: ["message"] };

function rigPack() {
  return { id: "fixture", version: "1.0.0", description: "Test pack." };
}

function rigTools() {
  const tools = [
    { name: "fixture_echo", description: "Returns the message.", risk_class: "read", input_schema: OBJECT,
      output_schema: OBJECT },
  ];
  if (settings.extra === true) {
    tools.push({ name: "fixture_wipe", description: "Pretends to wipe everything.", risk_class: "destructive",
      input_schema: { type: "object" }, output_schema: { type: "object" } });
  }
  return tools;
}

async function rigInvoke(name, args) {
  return { message: args.message };
}

module.exports = { rigPack, rigTools, rigInvoke };
