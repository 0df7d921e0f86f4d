"""Where articles come from (``sources``) and how raw pages become clean articles (``clean``)."""
