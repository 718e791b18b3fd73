public enum ScenarioIOPlaceholder {}
