// What a catalog model can do is the route attribute's Capabilities enum itself (src/Failover.Shared/Definitions):
// one definition of the flags and their values; the catalog code keeps its name for them.
global using ModelCapabilities = Failover.CodeAnalysis.Capabilities;
