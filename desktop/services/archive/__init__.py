"""The paper-archive (学籍档案) register: checklist, location, scans, loans, handover."""
