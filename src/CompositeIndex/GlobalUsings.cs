// The library's own code uses the extension-author types (CompositeIndex.Extensibility) throughout.
global using CompositeIndex.Extensibility;
