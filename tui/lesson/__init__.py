"""The guided lesson: nine steps through the lecture's argument for random initialisation."""
