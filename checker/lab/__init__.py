"""The lab: training, data readers, evaluation, threshold fitting and the model card.

It sits beside the runtime and may import it; the runtime never imports the lab (a test walks
the imports). Only the CLI's ``eval`` commands reach in here, inside the command, so a user who
only checks claims never loads it.
"""
