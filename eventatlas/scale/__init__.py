"""Running the pipeline on more than one core, and on more than one machine.

writer.py  what every path writes through: settled inputs first, then results in order, batched
jobs.py    `ingest --jobs N`: N worker processes parse and extract, this process writes
dask.py    `ingest --dask ADDRESS`: partitions of the input on a Dask cluster's workers
"""
